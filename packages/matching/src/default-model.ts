/**
 * The default model shipped with the package, trained by scripts/train-default-model.ts (see
 * its header and the model's `trainedOn` for the data). Validated once, then frozen.
 */
import data from '../data/default-model.json' with { type: 'json' };
import { validateModel, type MatchModel } from './match-model.ts';

let cached: MatchModel | undefined;

export function defaultModel(): MatchModel {
  cached ??= Object.freeze(validateModel(data));
  return cached;
}
