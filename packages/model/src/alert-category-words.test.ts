import { describe, expect, it } from 'vitest';
import { alertCategoryWords } from './alert-category-words.ts';

describe('alertCategoryWords', () => {
  it('says each category in words, and an unknown one by its code', () => {
    for (const category of ['arrest', 'protective', 'refusal_of_entry', 'specific_check', 'inquiry_check', 'discreet_check', 'inform_owner_only']) expect(alertCategoryWords(category)).not.toContain('_');
    expect(alertCategoryWords('discreet_check')).toBe('discreet check');
    expect(alertCategoryWords('new_kind')).toBe('new kind');
  });
});
