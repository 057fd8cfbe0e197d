/**
 * mosaic extract FILE: the entities and relations in a text report, as one JSON document on
 * stdout ({"entities":[…],"relations":[…]}); the format is chosen by the file's extension.
 * The document is read as an upload's is (readDocumentOffThread): a PDF for at most 10 s and 20 s
 * a MB of the file, any document in at most 1 GB of memory, then given up, naming the file; read
 * here with no bound, a PDF whose pages redraw one stream held the command for minutes. Its text
 * is read for entities as an upload's is too (extractOffThread): a text longer than 64 kB in a
 * worker, for at most 10 s and 10 s a million characters, in at most 1 GB, then given up, naming
 * the file, as a text no rule foresaw might be read for far longer than its length says.
 */
import { extractOffThread, PDF_WITHOUT_TEXT, readDocumentOffThread, type ExtractLimits } from '@mosaic/extract';
import { AppError } from '@mosaic/model';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from '../args.ts';
import { requireFiles } from '../input-files.ts';

export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.txt': 'text/plain', '.text': 'text/plain', '.md': 'text/plain',
  '.html': 'text/html', '.htm': 'text/html',
  '.pdf': 'application/pdf',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** `limits`: the extraction's bounds, extract-off-thread.ts's unless given (a test's shorter time). */
export async function run(argv: readonly string[], limits: ExtractLimits = {}): Promise<number> {
  const { values, positionals } = parse('extract', argv, { country: { type: 'string' } });
  const [file] = positionals;
  const mediaType = file ? MEDIA_TYPES[extname(file).toLowerCase()] : undefined;
  if (!file || positionals.length > 1 || !mediaType) {
    console.error(`usage: mosaic extract FILE [--country CC]   (FILE: ${Object.keys(MEDIA_TYPES).join(' ')})`);
    return 2;
  }
  await requireFiles('extract', { FILE: file });
  const started = performance.now();
  let text: string;
  try {
    text = await readDocumentOffThread(await readFile(file), mediaType);
  } catch (error) {
    // A damaged or mislabelled document is the input's fault, as the reports API says (upload-report.ts).
    const reason = error instanceof AppError ? error.message.replace(/^extract: /, '') : `could not be read as ${extname(file).slice(1).toUpperCase()} (${error instanceof Error ? error.message : String(error)})`;
    const stopped = error instanceof AppError && error.details?.['stopped'] === true;
    throw new AppError('MOSAIC_INVALID_INPUT', `extract: FILE ${file}: ${stopped ? 'given up: ' : ''}${reason}`);
  }
  // a PDF of scanned pages gives no text, and is refused as an upload refuses it (upload-report.ts)
  if (mediaType === 'application/pdf' && text.trim() === '') throw new AppError('MOSAIC_INVALID_INPUT', `extract: FILE ${file}: ${PDF_WITHOUT_TEXT}`);
  const result = await extractOffThread(text, values.country ? { country: values.country } : {}, limits).catch((error: unknown) => {
    if (!(error instanceof AppError && error.details?.['stopped'] === true)) throw error;
    throw new AppError('MOSAIC_INVALID_INPUT', `extract: FILE ${file}: given up: ${String(error.details['reason'])}`);
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  console.error(JSON.stringify({ file: file.split('/').pop(), characters: text.length, entities: result.entities.length, relations: result.relations.length, ms: Math.round(performance.now() - started) }));
  return 0;
}
