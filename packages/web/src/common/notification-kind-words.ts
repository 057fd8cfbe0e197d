/**
 * A notification's kind (service: screening, owner notices, watches) as the inbox and the
 * webhook's undelivered list show it beside the notice's title: "Encounter", not
 * `deconfliction.encounter`. The API and webhooks keep the code.
 */
import { readableCode } from '@mosaic/model';

const WORDS: Readonly<Record<string, string>> = {
  'alert.hit': 'Alert hit',
  'alert.hit.confirmed': 'Alert hit confirmed',
  'alert.hit.rejected': 'Alert hit rejected',
  'deconfliction.encounter': 'Encounter',
  'deconfliction.consult': 'Consultation',
  'pointer.called': 'Desk called',
  'notification.erased': 'Record erased',
  'watch.record': 'Watch: new information',
  'watch.link': 'Watch: new link',
  'watch.sighting': 'Watch: sighting',
  'watch.event': 'Watch: new event',
  'watch.alert': 'Watch: alert',
  'watch.alert-withdrawn': 'Watch: alert withdrawn',
  'watch.search': 'Watch: new match',
  'watch.area': 'Watch: area',
  'watch.pointer': 'Watch: held elsewhere',
  'watch.lost-track': 'Watch: not seen',
  'watch.subject-erased': 'Watch ended: erased',
  'webhook-undelivered': 'Webhook undelivered',
};

/** notificationKindWords('deconfliction.encounter') is "Encounter"; a kind this version does not know reads as its code made readable. */
export function notificationKindWords(kind: string): string {
  return WORDS[kind] ?? readableCode(kind);
}
