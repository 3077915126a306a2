// The layers, as `npm run lint` checks them (docs/architecture.md draws them and says why).
//
//   bin ─► local ─► bench ─► infra ─► workflows
//             │        │        └──► ports ─► domain ─► data
//             └────────┴─► functions ─► adapters ─► ports
//   scripts and test sit on top: they may import any layer; nothing outside test/ imports test/.
//
// Each rule is one line of the matrix in docs/architecture.md, named so a failure says which line it broke.

/** Folders of the project, as depcruise paths (relative to the repository root). */
const LAYER = {
  domain: '^domain/',
  data: '^data/',
  workflows: '^workflows/',
  ports: '^ports/',
  adapters: '^adapters/',
  functions: '^functions/',
  console: '^console/',
  local: '^local/',
  infra: '^infra/',
  bench: '^bench/',
  scripts: '^scripts/',
  test: '^test/',
  bin: '^bin/',
};
const npm = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown'];

/** Node built-ins that do I/O, or read a file format: not in the pure layers. */
const IMPURE_CORE =
  '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|dns|tls|cluster|worker_threads|os|zlib|readline|repl|vm|inspector)$';

/** The only libraries the domain may use: schemas and dates. No AWS SDK, no mail or file-format library. */
const DOMAIN_LIBRARIES = '^node_modules/(zod|luxon)/';

/**
 * One line of the layer matrix: modules under `from` (a LAYER path) import nothing in `folders` (folders of the
 * root, or a subfolder such as 'functions/console'). Most layer rules have this shape; each keeps its own name.
 */
function importsNone(name, from, folders, comment) {
  return { name, severity: 'error', comment, from: { path: from }, to: { path: `^(${folders.join('|')})/` } };
}

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // --- every folder -----------------------------------------------------------------------------------
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'Import cycles make load order matter and hide which module is below which. A cycle of type references ' +
        "only (a case and its lifecycle naming each other's types) is erased at compile time, so it is allowed.",
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only', 'type-import'] } },
    },
    {
      name: 'not-to-test',
      severity: 'error',
      comment: 'Only tests import test code: the shipped CLI, bench and scripts must run without test/.',
      from: { pathNot: LAYER.test },
      to: { path: LAYER.test },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing: a typo, a moved module, or a package missing from package.json.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-undeclared-package',
      severity: 'error',
      comment: 'A package used but not in package.json works only while something else happens to install it.',
      from: { pathNot: '^node_modules/' },
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-dev-dependency-in-runtime',
      severity: 'error',
      comment:
        'Code that runs in Lambda or in `npm start` uses `dependencies` only; devDependencies (CDK, test tools) ' +
        'are not installed there. Type-only imports are erased, so they may name a dev package (@types/*).',
      from: { path: '^(domain|ports|adapters|functions|console|workflows|local|bin)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },

    {
      name: 'nodemailer-public-api-only',
      severity: 'error',
      comment:
        'nodemailer is used through its root API or MailComposer (documented for building without sending). ' +
        'Its other lib/ modules are internals; MimeNode only where no public API builds the message: the RFC ' +
        '8098 read receipt (multipart/report) in adapters/mail/compose.ts.',
      from: { pathNot: '^adapters/mail/compose[.]ts$' },
      to: { path: '^node_modules/nodemailer/dist/[^/]+/(?!nodemailer[.]js$|mail-composer/)' },
    },
    {
      name: 'nodemailer-internals-nowhere',
      severity: 'error',
      comment: 'Even compose.ts takes from nodemailer only the root API, MailComposer and MimeNode.',
      from: {},
      to: { path: '^node_modules/nodemailer/dist/[^/]+/(?!nodemailer[.]js$|mail-composer/|mime-node/)' },
    },

    // --- domain: pure rules --------------------------------------------------------------------------------
    {
      name: 'domain-imports-only-domain',
      severity: 'error',
      comment: 'The domain is the bottom layer: it imports other domain modules and the bank-holiday data only.',
      from: { path: LAYER.domain },
      to: { pathNot: [LAYER.domain, LAYER.data, '^node_modules/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'domain-no-io',
      severity: 'error',
      comment: 'Domain functions compute; reading files, sockets or the clock of the machine belongs to adapters.',
      from: { path: LAYER.domain },
      to: { dependencyTypes: ['core'], path: IMPURE_CORE },
    },
    {
      name: 'domain-only-pure-libraries',
      severity: 'error',
      comment:
        'The domain uses zod and luxon only: no AWS SDK, no Powertools, no mail library (mailparser, nodemailer, ' +
        'postal-mime), no file-format library (exceljs, node-html-parser, csv-parse, zip readers). Formats are ' +
        'read in adapters/, which hand the domain grids and text.',
      from: { path: LAYER.domain },
      to: { dependencyTypes: npm, pathNot: DOMAIN_LIBRARIES },
    },

    // --- workflows: the ASL definitions -------------------------------------------------------------------
    {
      name: 'workflows-imports-only-workflows',
      severity: 'error',
      comment:
        'A workflow definition is data: it imports other workflow modules, and domain types if it needs them ' +
        '(type-only), nothing that runs.',
      from: { path: LAYER.workflows },
      to: { pathNot: LAYER.workflows, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'workflows-types-only-from-domain',
      severity: 'error',
      comment: 'Even type-only, a workflow names nothing above the domain.',
      from: { path: LAYER.workflows },
      to: { pathNot: [LAYER.workflows, LAYER.domain] },
    },

    // --- ports: the interfaces adapters implement ---------------------------------------------------------
    {
      name: 'ports-imports-only-ports-and-domain',
      severity: 'error',
      comment:
        'ports/ sits below both functions/ and adapters/ (each implements or uses them), so it names neither, ' +
        'and no library: an interface and the metric names, over domain types.',
      from: { path: LAYER.ports },
      to: { pathNot: [LAYER.ports, LAYER.domain], dependencyTypesNot: ['core'] },
    },

    // --- adapters: AWS and file formats behind the ports ----------------------------------------------------
    importsNone(
      'adapters-not-to-upper-layers',
      LAYER.adapters,
      ['functions', 'workflows', 'local', 'infra', 'bench', 'scripts', 'bin'],
      'Adapters implement ports over AWS, mail and file formats; they never reach up into the handlers, ' +
        'the workflows, the local runtime, the CDK app, the bench or the scripts.',
    ),

    // --- functions: the Lambda handlers -----------------------------------------------------------------------
    importsNone(
      'functions-not-to-upper-layers',
      LAYER.functions,
      ['local', 'infra', 'workflows', 'bench', 'scripts', 'bin'],
      'A handler is bundled alone for Lambda: it may use functions/commons, adapters, ports and domain, never ' +
        'the local runtime, the CDK app, the workflow definitions, the bench or the scripts.',
    ),
    {
      name: 'commons-imports-no-function-folder',
      severity: 'error',
      comment:
        'functions/commons/ is what every function shares, so it is below every function folder: it imports ' +
        'only itself (and the layers below). What two functions share moves down into it.',
      from: { path: '^functions/commons/' },
      to: { path: LAYER.functions, pathNot: '^functions/commons/' },
    },
    {
      name: 'no-function-folder-imports-another',
      severity: 'error',
      comment:
        'Each function folder is one Lambda; one importing another drags that bundle in and hides a shared ' +
        'piece that belongs in functions/commons/ (a process definition: functions/commons/processes/).',
      from: { path: '^functions/([^/]+)/', pathNot: '^functions/commons/' },
      to: { path: '^functions/', pathNot: ['^functions/$1/', '^functions/commons/'] },
    },
    {
      name: 'no-loose-function-modules',
      severity: 'error',
      comment: 'Every module under functions/ is in a function folder or in commons: none loose in functions/.',
      from: {},
      to: { path: '^functions/[^/]+$' },
    },

    // --- local: the local runtime and the CLI -------------------------------------------------------------------
    importsNone(
      'console-not-to-upper-layers',
      LAYER.console,
      ['local', 'infra', 'workflows', 'bench', 'scripts', 'bin', 'functions/console'],
      'The staff console (console/) sits on the functions: it runs staff actions through the staff-action ' +
        'handler and reads records through the store. It is served by local/ (npm start) and by functions/console/ ' +
        '(its Lambda entry); it never imports them, nor infra, bench or scripts.',
    ),
    {
      name: 'only-the-console-function-serves-the-console',
      severity: 'error',
      comment: 'Of the functions, only the console Lambda entry (functions/console/) imports the console app.',
      from: { path: LAYER.functions, pathNot: '^functions/console/' },
      to: { path: LAYER.console },
    },
    importsNone(
      'local-not-to-infra-scripts',
      LAYER.local,
      ['infra', 'scripts'],
      'The local runtime runs the same handlers and definitions as AWS, without the CDK app or scripts.',
    ),
    {
      name: 'only-the-cli-runs-the-bench',
      severity: 'error',
      comment:
        'The bench drives the local runtime, so only the CLI command (`wp bench`) may import the bench; the ' +
        'runtime itself stays below it.',
      from: { path: LAYER.local, pathNot: '^local/cli/' },
      to: { path: LAYER.bench },
    },

    // --- infra: the CDK app -------------------------------------------------------------------------------------
    importsNone(
      'infra-imports-no-runtime-code',
      LAYER.infra,
      ['functions', 'adapters', 'local', 'bench', 'scripts', 'bin'],
      'The CDK app deploys handlers by path (infra/function-catalogue.ts) and definitions from workflows/; ' +
        'it imports workflows, ports (the metric names its alarms read) and domain, never handler, adapter, ' +
        'local, bench or script code.',
    ),

    // --- bench, scripts, bin ---------------------------------------------------------------------------------
    importsNone(
      'bench-not-to-scripts',
      LAYER.bench,
      ['scripts'],
      'Benchmarks ship with `wp bench`; the scripts (fixture makers) do not.',
    ),
    importsNone(
      'bin-only-starts-the-cli',
      LAYER.bin,
      ['domain', 'ports', 'adapters', 'functions', 'workflows', 'infra', 'bench', 'scripts'],
      'bin/wp.mjs loads the CLI and nothing else.',
    ),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(cdk[.]out|[.]wp-data|coverage|console/static)/' }, // console/static: browser modules, by URL
    tsPreCompilationDeps: true,
    // A git worktree whose node_modules is a link to another checkout's: paths stay node_modules/..., as in CI.
    preserveSymlinks: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // package.json "exports" (e.g. nodemailer/lib/mail-composer, csv-parse/sync, the Powertools subpaths).
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.mjs', '.js', '.cjs', '.d.ts', '.json'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
