/**
 * The fields a refusal names, on the form that sent it. The API lists them as { field, reason }
 * (docs/API.md, Errors): the control of each is marked invalid and described by the message
 * shown, and the focus goes to the first of them, so that someone on a keyboard or a screen
 * reader lands on the field to correct rather than having to find which one
 * "provenance.reviewDate" is (WCAG 3.3.1, Error Identification).
 */
import { useEffect, useRef, type RefObject } from 'react';
import { ApiError } from '../api/api-error.ts';

/** A field the API refused, as it names it ("provenance.reviewDate"), and why, in its words. */
export interface Refusal {
  readonly field: string;
  readonly reason: string;
}

/** The refusals `error` lists (docs/API.md, Errors); none for another error. */
export function refusalsOf(error: unknown): readonly Refusal[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return (error.details as readonly { field?: unknown; reason?: unknown }[])
    .flatMap((d) => (typeof d?.field === 'string' ? [{ field: d.field, reason: typeof d.reason === 'string' ? d.reason : '' }] : []));
}

/** The fields `error` names, as the API writes them ("provenance.reviewDate"); none for another error. */
function refusedFields(error: unknown): readonly string[] {
  return refusalsOf(error).map((r) => r.field);
}

/** Whether a refusal of `refused` is one of `field` or of a part of it ("releasability.0"). */
export const concerns = (refused: string, field: string): boolean => refused === field || refused.startsWith(`${field}.`);

export interface FieldProps {
  readonly 'data-field': string;
  readonly 'aria-invalid'?: true;
  readonly 'aria-describedby'?: string;
}

export interface RefusedFields<T extends HTMLElement> {
  /** The element holding the fields (the form). */
  readonly ref: RefObject<T | null>;
  /** The attributes of the control of `field`, as the API names it. */
  field(field: string): FieldProps;
}

/**
 * Marks the controls of the fields `error` names as described by the element `messageId` (one
 * message for the form, or, given a function, each field's own, shown beside it), and focuses the first.
 */
export function useRefusedFields<T extends HTMLElement>(error: unknown, messageId: string | ((field: string) => string)): RefusedFields<T> {
  const ref = useRef<T>(null);
  const refused = refusedFields(error);
  useEffect(() => {
    if (refused.length === 0) return;
    const first = [...(ref.current?.querySelectorAll<HTMLElement>('[data-field]') ?? [])]
      .find((element) => refused.some((r) => concerns(r, element.dataset['field'] ?? '')));
    first?.focus();
    // focused once per refusal, not again while it is shown and the field is being corrected
  }, [error]);
  return {
    ref,
    field: (field) => ({
      'data-field': field,
      ...(refused.some((r) => concerns(r, field)) ? { 'aria-invalid': true, 'aria-describedby': typeof messageId === 'string' ? messageId : messageId(field) } : {}),
    }),
  };
}
