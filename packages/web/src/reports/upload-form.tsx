/**
 * Uploading a report with its provenance: the file (text, HTML, PDF, DOCX) or pasted text, the
 * collection, and the claim's source, grading, marking, handling code, data-subject category,
 * fact or assessment, legal basis and review date (the last two default on the server), and the
 * country the report comes from (places and phone numbers written nationally are read as that
 * country's; the agency's own by default). The agency is the user's own; the server checks every
 * field and names the one at fault, which is marked, described by the refusal and focused. The
 * same file or text sent again into the collection with the same terms is not uploaded again:
 * the form says so and links to the report, where it opened that report as if just uploaded.
 */
import { useState, type FormEvent } from 'react';
import { CATEGORIES } from '../admin/admin-types.ts';
import { ErrorMessage } from '../common/error-message.tsx';
import { ProgressBar } from '../common/progress-bar.tsx';
import { useAction } from '../common/use-action.ts';
import { agencyName, useAgencyNames } from '../common/use-agency-names.ts';
import { useRefusedFields } from '../common/use-refused-fields.ts';
import { href } from '../routing/use-hash-route.ts';
import { useSession } from '../session/session-context.tsx';
import { mediaTypeOf, REPORT_FILE_ACCEPT } from './media-type-of.ts';

async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function UploadForm({ onUploaded }: { readonly onUploaded: (id: string) => void }) {
  const { api, user } = useSession();
  const agencies = useAgencyNames(api);
  const [file, setFile] = useState<File>();
  const [text, setText] = useState('');
  const [fields, setFields] = useState({
    title: '', collection: '', source: '', reliability: 'B', credibility: '2', tlp: 'AMBER', classification: 'RESTRICTED', releasability: '', handling: 'H1',
    category: 'other', nature: 'fact', legalBasis: '', reviewDate: '', country: '',
  });
  // the same file or text sent again into the collection with the same terms: the report already there (POST /reports answers it, repeated)
  const [repeated, setRepeated] = useState<{ readonly id: string; readonly title: string; readonly collection: string; readonly file: boolean }>();
  const { busy, error, run } = useAction();
  const refused = useRefusedFields<HTMLFormElement>(error, 'report-upload-error');
  const set = (key: keyof typeof fields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: e.target.value }));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setRepeated(undefined);
    await run(async () => {
      const document = file
        ? { content: await base64Of(file), mediaType: mediaTypeOf(file), fileName: file.name }
        : { text };
      const { report, repeated: again } = await api.uploadReport({
        ...document, ...(fields.title.trim() ? { title: fields.title.trim() } : {}), collection: fields.collection.trim(),
        ...(fields.country.trim() ? { country: fields.country.trim().toLowerCase() } : {}),
        provenance: {
          source: fields.source.trim(), reliability: fields.reliability, credibility: Number(fields.credibility), handling: fields.handling,
          marking: { tlp: fields.tlp, classification: fields.classification, releasability: fields.releasability.split(',').map((r) => r.trim()).filter(Boolean) },
          category: fields.category, nature: fields.nature,
          // left empty: the collection names the legal basis, the agency's retention rules the review date
          ...(fields.legalBasis.trim() ? { legalBasis: fields.legalBasis.trim() } : {}),
          ...(fields.reviewDate ? { reviewDate: fields.reviewDate } : {}),
        },
      });
      if (again) setRepeated({ id: report.id, title: report.caption, collection: fields.collection.trim(), file: Boolean(file) });
      else onUploaded(report.id);
    });
  };

  return (
    <form ref={refused.ref} className="report-upload panel" onSubmit={(e) => void submit(e)} aria-labelledby="upload-title">
      <h2 id="upload-title">Upload a report for {agencyName(agencies, user.agency)}</h2>
      <div className="form-grid">
        <label htmlFor="report-file">File (text, HTML, PDF, DOCX)</label>
        <input id="report-file" {...refused.field('content')} type="file" accept={REPORT_FILE_ACCEPT} onChange={(e) => setFile(e.target.files?.[0])} />
        <label htmlFor="report-paste">Or paste the text</label>
        <textarea id="report-paste" {...refused.field('text')} rows={4} value={text} onChange={(e) => setText(e.target.value)} disabled={Boolean(file)} />
        <label htmlFor="report-title">Title</label>
        <input id="report-title" {...refused.field('title')} maxLength={300} value={fields.title} onChange={set('title')} />
        <label htmlFor="report-collection">Collection <Required /></label>
        <input id="report-collection" {...refused.field('collection')} required maxLength={200} value={fields.collection} onChange={set('collection')} />
        <label htmlFor="report-country">Country of the report</label>
        <input id="report-country" {...refused.field('country')} maxLength={2} pattern="[A-Za-z]{2}" value={fields.country} onChange={set('country')} placeholder="empty: your agency's" title="ISO 3166 code (BE, FR…): places and phone numbers written nationally are read as this country's" />
        <label htmlFor="report-source">Source <Required /></label>
        <input id="report-source" {...refused.field('provenance.source')} required maxLength={300} value={fields.source} onChange={set('source')} placeholder="e.g. interview notes" />
        <label htmlFor="report-reliability">Source reliability</label>
        <select id="report-reliability" {...refused.field('provenance.reliability')} value={fields.reliability} onChange={set('reliability')}>{['A', 'B', 'C', 'D', 'E', 'F'].map((v) => <option key={v}>{v}</option>)}</select>
        <label htmlFor="report-credibility">Information credibility</label>
        <select id="report-credibility" {...refused.field('provenance.credibility')} value={fields.credibility} onChange={set('credibility')}>{['1', '2', '3', '4', '5', '6'].map((v) => <option key={v}>{v}</option>)}</select>
        <label htmlFor="report-tlp">TLP</label>
        <select id="report-tlp" {...refused.field('provenance.marking.tlp')} value={fields.tlp} onChange={set('tlp')}>{['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'].map((v) => <option key={v}>{v}</option>)}</select>
        <label htmlFor="report-classification">Classification</label>
        <select id="report-classification" {...refused.field('provenance.marking.classification')} value={fields.classification} onChange={set('classification')}>{['UNCLASSIFIED', 'RESTRICTED', 'CONFIDENTIAL', 'SECRET', 'TOP_SECRET'].map((v) => <option key={v}>{v}</option>)}</select>
        <label htmlFor="report-releasability">Releasable to (agencies or countries, comma-separated)</label>
        <input id="report-releasability" {...refused.field('provenance.marking.releasability')} value={fields.releasability} onChange={set('releasability')} placeholder="empty: your agency only" />
        <label htmlFor="report-handling">Handling code</label>
        <select id="report-handling" {...refused.field('provenance.handling')} value={fields.handling} onChange={set('handling')}>{['H0', 'H1', 'H2', 'H3'].map((v) => <option key={v}>{v}</option>)}</select>
        <label htmlFor="report-category">Data-subject category</label>
        <select id="report-category" {...refused.field('provenance.category')} value={fields.category} onChange={set('category')}>{CATEGORIES.map((v) => <option key={v}>{v}</option>)}</select>
        <label htmlFor="report-nature">Fact or assessment</label>
        <select id="report-nature" {...refused.field('provenance.nature')} value={fields.nature} onChange={set('nature')}>{['fact', 'assessment'].map((v) => <option key={v}>{v}</option>)}</select>
        <label htmlFor="report-legal-basis">Legal basis</label>
        <input id="report-legal-basis" {...refused.field('provenance.legalBasis')} maxLength={300} value={fields.legalBasis} onChange={set('legalBasis')} placeholder="empty: the collection's" />
        <label htmlFor="report-review-date">Review date</label>
        <input id="report-review-date" {...refused.field('provenance.reviewDate')} type="date" value={fields.reviewDate} onChange={set('reviewDate')} title="empty: your agency's retention rule for the category" />
      </div>
      <button type="submit" className="primary" disabled={busy || (!file && !text.trim())}>Upload and extract</button>
      {busy ? <ProgressBar label="Reading and extracting" /> : null}
      {repeated ? (
        <p role="status" className="notice">
          This {repeated.file ? 'file' : 'text'} was uploaded before into “{repeated.collection}” with the same terms: it was not uploaded again.{' '}
          <a href={href('reports', repeated.id)}>Open {repeated.title}</a>
        </p>
      ) : null}
      <ErrorMessage error={error} id="report-upload-error" />
    </form>
  );
}

/** A field the form requires, said in its label, as a field that may be left empty says "(optional)" elsewhere. */
function Required() {
  return <span className="muted">(required)</span>;
}
