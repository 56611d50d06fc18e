import type { LanguageId } from '../types';
import type { LanguageSpec } from './languageSpec';
import { c } from './c';
import { cpp } from './cpp';
import { csharp } from './csharp';
import { go } from './go';
import { java } from './java';
import { javascript } from './javascript';
import { kotlin } from './kotlin';
import { php } from './php';
import { python } from './python';
import { ruby } from './ruby';
import { rust } from './rust';
import { tsx } from './tsx';
import { typescript } from './typescript';

/** Every language the engine parses. Add a language by adding its file and listing it here. */
export const LANGUAGES: readonly LanguageSpec[] = [
  javascript,
  typescript,
  tsx,
  python,
  java,
  go,
  csharp,
  c,
  cpp,
  rust,
  php,
  ruby,
  kotlin,
];

const byId = new Map<LanguageId, LanguageSpec>(LANGUAGES.map((spec) => [spec.id, spec]));

export function languageSpec(id: LanguageId): LanguageSpec | undefined {
  return byId.get(id);
}
