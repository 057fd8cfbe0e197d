/**
 * `mosaic <command>`: one module per command, each exporting `run(argv)`; this file only
 * dispatches, and turns an AppError into a one-line message and a non-zero exit.
 */
import './compile-cache.ts';
import { isAppError } from '@mosaic/model';
import { fileProblem } from './input-files.ts';

interface Command {
  readonly summary: string;
  /** What `mosaic COMMAND --help` says, where the summary leaves options out. */
  readonly help?: string;
  /** The subcommands it takes, the first word after its name: any other is refused here, naming them. */
  readonly subcommands?: readonly string[];
  readonly load: () => Promise<{ run(argv: readonly string[]): Promise<number> }>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  start: { summary: 'first start: create the store, load the demo if it is empty, and serve', help: 'first start: create the store, load the demo if it is empty, and serve  [--port P] [--host H] [--data DIR] [--database-url URL] [--nodes N|auto]', load: () => import('./commands/start.ts') },
  serve: { summary: 'serve the API and web app  [--port P] [--host H] [--data DIR] [--nodes N|auto] [--role full|checkpoint]', load: () => import('./commands/serve.ts') },
  ingest: { summary: 'ingest FILE (.jsonl, or .csv with --mapping M.json)  [--defaults D.json] [--batch N] [--workers N] [--no-resume: read the lines an earlier run wrote again] [--data DIR]', load: () => import('./commands/ingest.ts') },
  demo: { summary: 'demo generate --persons N --seed S [--as-of YYYY-MM-DD] --out DIR', subcommands: ['generate'], load: () => import('./commands/demo.ts') },
  agencies: { summary: 'agencies list | agencies add ID --name N --country CC --desk D --desk-name DN --contact C --purpose P --case C [--create-store: the first agency of a new deployment]', subcommands: ['list', 'add'], load: () => import('./commands/agencies.ts') },
  users: { summary: 'users list | users add NAME --agency A --desk D --role R [--role R…] [--clearance C] [--group G…] --password-file F --purpose P --case C', subcommands: ['list', 'add'], load: () => import('./commands/users.ts') },
  resolve: { summary: 'resolve --in RECORDS.jsonl --out CLUSTERS.jsonl: which records are the same entity', load: () => import('./commands/resolve.ts') },
  compare: { summary: 'compare --pairs PAIRS.jsonl: score each pair, with the decision and its explanation', help: 'compare --pairs PAIRS.jsonl [--frequencies NAMES.json|NAMES.jsonl: name-token frequencies from a larger corpus than the pairs]: score each pair, with the decision and its explanation', load: () => import('./commands/compare.ts') },
  screen: { summary: 'screen --watchlist W.jsonl --queries Q.jsonl --out R.jsonl [--limit N]', load: () => import('./commands/screen.ts') },
  extract: { summary: 'extract FILE: entities and relations in a text report (txt, html, pdf, docx)', help: 'extract FILE [--country CC: the country the report comes from, which reads its national phone numbers and places]: entities and relations in a text report (txt, html, pdf, docx)', load: () => import('./commands/extract.ts') },
  reports: { summary: 'reports add FILE… --collection C --as USER [provenance…] | reports search Q | reports show REPORT | reports confirm REPORT ENTITY [--link RECORD] | reports reject REPORT ENTITY (with --purpose P --case C --as USER)', help: [
    'reports add FILE… --collection C --as USER [--source S] [--reliability A-F] [--credibility 1-6] [--tlp T] [--classification C] [--releasability R,…] [--handling H0-H3] [--category C] [--legal-basis L] [--title T (one FILE)] [--country CC] [--purpose P --case C]',
    '  | reports search Q [--collection C] [--limit N] | reports show REPORT | reports confirm REPORT ENTITY [--link RECORD] [--name N] | reports reject REPORT ENTITY (each with --purpose P --case C --as USER)',
    '  [--data DIR]: reports stored with their provenance (several FILEs, a folder\'s: each in turn, a file refused said and skipped, a summary at the end, exit 2 if any was),',
    '  full-text search over them, and the review of the entities found in one',
  ].join('\n'), subcommands: ['add', 'search', 'show', 'confirm', 'reject'], load: () => import('./commands/reports.ts') },
  graph: { summary: 'graph expand|path|connectors|communities|centrality|timeline|places|export IDS… --as USER --purpose P --case C [--level entity|record]', help: [
    'graph expand|path|connectors|communities|centrality|timeline|places|export IDS… --as USER --purpose P --case C [--level entity|record] [--data DIR]',
    '  [--hops N] [--max-nodes N] (expand, export) [--k N] (path) [--measure degree|betweenness|pagerank|eigenvector] (centrality) [--format json|graphml] (export)',
    '  [--type T]… [--since DATE] [--until DATE] [--min-weight W] [--agency A]…: link analysis over the store as USER, policy-filtered and audited',
  ].join('\n'), subcommands: ['expand', 'path', 'connectors', 'communities', 'centrality', 'timeline', 'places', 'export'], load: () => import('./commands/graph.ts') },
  retention: { summary: 'retention sweep --purpose P --case C [--data DIR]: erase records past their review date unless on legal hold', subcommands: ['sweep'], load: () => import('./commands/retention.ts') },
  audit: { summary: 'audit verify [--public-key FILE] [--sealed] [--expect SEQ:HASH] [--data DIR]: check the audit chain and its signed checkpoints (and that it still reaches a witnessed entry) | audit prune [--before YYYY-MM-DD] --purpose P --case C: delete entries past the retention period behind a signed cut | audit retention [--years N] [--months N] [--days N] [--end-of-year] | --keep-all (with --purpose P --case C to change it) | audit rotate-key --purpose P --case C: a new signing key, the old one retired | audit keys: the public keys, for an auditor', subcommands: ['verify', 'prune', 'retention', 'rotate-key', 'keys'], load: () => import('./commands/audit.ts') },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return ['usage: mosaic <command> [options]', '', ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    // asked for nothing: a mistake, whose usage goes with the errors, not into a pipe's data
    console.error(usage());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`mosaic: unknown command ${JSON.stringify(name)}\n\n${usage()}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(`mosaic ${name}: ${command.help ?? command.summary}`);
    return 0;
  }
  const [subcommand] = rest;
  if (command.subcommands && subcommand !== undefined && !subcommand.startsWith('-') && !command.subcommands.includes(subcommand)) {
    console.error(`mosaic ${name}: unknown subcommand ${JSON.stringify(subcommand)} (it takes ${command.subcommands.join(', ')})\n\nmosaic ${name}: ${command.help ?? command.summary}`);
    return 2;
  }
  const module = await command.load();
  return module.run(rest);
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  if (isAppError(error)) {
    console.error(`mosaic: ${error.message}`);
    process.exitCode = error.kind === 'invalid' ? 2 : 1;
  } else if (fileProblem(error) !== undefined) {
    console.error(`mosaic: ${fileProblem(error)}`);
    process.exitCode = 2;
  } else {
    console.error(`mosaic: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  }
}
