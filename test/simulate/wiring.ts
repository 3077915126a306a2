/** Simple mail pieces for simulation tests: the bench's plain wiring (bench/plain-wiring.ts), under the tests' name. */
export { plainMailWiring as testMailWiring } from '../../bench/plain-wiring.ts';
