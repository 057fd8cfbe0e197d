import { describe, expect, it } from 'vitest';
import { DUTCH, FRENCH, type RelationCues } from './relation-cues.ts';

const fires = (cues: RelationCues, text: string) => new RegExp(cues.trigger, 'iu').test(text);

describe('relation cues', () => {
  it('fire on the words of a relation, inflected as the lists write them', () => {
    for (const text of [' a rencontré ', " s'est rendue en ", ' est partie pour ', ' possède une Peugeot immatriculée ', ' a quitté la ',
      ' se sont entretenus avec ', ' est revenu de ', ' en compagnie de ']) {
      expect(fires(FRENCH, text), text).toBe(true);
    }
    for (const text of [' ontmoette ', ' vertrokken naar ', ' is eigenaar van een ', ' verliet het ', ' sprak met ']) expect(fires(DUTCH, text), text).toBe(true);
  });
  it('do not fire inside a longer word that holds one', () => {
    for (const text of [' un particulier ', ' à la prison ', ' un rendez-vous ', ' la fuite ', ' un arrivage ', ' le voyageur ', ' une plaquette ',
      ' des visiteurs ', ' une allégation ']) {
      expect(fires(FRENCH, text), text).toBe(false);
    }
    for (const text of [' een reisbureau ', ' sprakeloos ', ' eigenaardig ', ' zijn bezittingen ', ' een kentekenbewijs ']) {
      expect(fires(DUTCH, text), text).toBe(false);
    }
  });
});
