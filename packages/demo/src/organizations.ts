/**
 * Fictional groups the demo's cells and crews belong to. Names are invented; spellings vary
 * between agencies as group names do in practice.
 */
export interface DemoOrganization {
  readonly kind: 'jihadist' | 'criminal';
  /** Spellings, most common first. */
  readonly names: readonly string[];
  readonly aliases: readonly string[];
  readonly country: string;
}

export const ORGANIZATIONS: readonly DemoOrganization[] = [
  { kind: 'jihadist', names: ['Katibat al-Nur', 'Katiba al-Nour', 'Katibat an-Nur'], aliases: ['Brigade of Light'], country: 'sy' },
  { kind: 'jihadist', names: ['Jund al-Fajr', 'Jound al-Fajr', 'Jund el-Fadjr'], aliases: ['Soldiers of the Dawn'], country: 'sy' },
  { kind: 'jihadist', names: ['Ansar al-Wadi', 'Ansar el-Wadi'], aliases: ['Supporters of the Valley'], country: 'iq' },
  { kind: 'jihadist', names: ['Liwa al-Muhajirin al-Gharb', 'Liwa al-Mouhajirine'], aliases: ['Western Emigrants Brigade'], country: 'sy' },
  { kind: 'jihadist', names: ['Harakat al-Rayat', 'Harakat ar-Rayat'], aliases: ['Banners Movement'], country: 'sy' },
  { kind: 'jihadist', names: ['Fajr Youth Circle', 'Cercle Jeunesse Fajr'], aliases: ['Street Dawah Fajr'], country: 'be' },
  { kind: 'jihadist', names: ['Rayat Street Dawah', 'Rayat Dawa'], aliases: ['RSD'], country: 'be' },
  { kind: 'criminal', names: ['Canal Crew', 'Kanaal Crew'], aliases: ['Les Canaux'], country: 'be' },
  { kind: 'criminal', names: ['West Station Boys', 'Boys de la Gare de l\'Ouest'], aliases: ['WSB'], country: 'be' },
  { kind: 'criminal', names: ['Ninove Road Network', 'Réseau Chaussée de Ninove'], aliases: ['Ninove Network'], country: 'be' },
  { kind: 'criminal', names: ['North Quarter Crew', 'Noordwijk Crew'], aliases: ['NQC'], country: 'be' },
  { kind: 'criminal', names: ['Roubaix Connection', 'Connexion Roubaix'], aliases: ['La Connexion'], country: 'fr' },
];
