import fc from 'fast-check';

/**
 * Property tests run on one fixed seed unless FC_SEED names another, so `npm test` gives the same verdict on every
 * run of the same code (CI included); explore with `FC_SEED=$RANDOM npx vitest run test/mail`, and a failure
 * prints the seed and path that replay it. A test that names its own seed keeps it.
 */
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261202) });
