import type { Language } from 'web-tree-sitter';
import type { LanguageSpec } from '../languages/languageSpec';

/**
 * Per-language lookup tables from tree-sitter node type ids and field ids to the roles the metrics walker
 * cares about. The walker reads a numeric id per node from the cursor and tests bits, instead of
 * materialising the type name and probing a dozen `Set<string>`s: on 100k lines that is ~1M nodes.
 * Built from the LanguageSpec's sets, so every language gets them without extra declarations.
 */

/** Role bits of a node type (`KindTable.flags`). */
export const K = {
  NAMED: 1 << 0,
  FUNCTION: 1 << 1,
  COMMENT: 1 << 2,
  OPAQUE: 1 << 3,
  IF: 1 << 4,
  ELSE_IF: 1 << 5,
  ELSE: 1 << 6,
  LOOP: 1 << 7,
  SWITCH: 1 << 8,
  CATCH: 1 << 9,
  TERNARY: 1 << 10,
  EXTRA_NESTING: 1 << 11,
  BINARY: 1 << 12,
  PAREN: 1 << 13,
  GOTO: 1 << 14,
  JUMP: 1 << 15,
  LABEL: 1 << 16,
  CALL: 1 << 17,
  /** Anonymous leaf lizard counts: a condition word or operator. */
  CYCLOMATIC_TOKEN: 1 << 18,
  /** `questionMarks: 'leaf'` and the type is exactly `?`. */
  QUESTION_LEAF: 1 << 19,
  /** `questionMarks: 'lizard-ts'` and the type contains a `?`. */
  HAS_QUESTION: 1 << 20,
  /** `questionMarks: 'lizard-ts'` and the type is `optional_chain`. */
  OPTIONAL_CHAIN: 1 << 21,
  /** The type name contains `identifier` (lizard counts identifiers spelled like keywords). */
  IDENTIFIER: 1 << 22,
  LOGICAL_OPERATOR: 1 << 23,
  /*
   * HAS_CHILDREN and SEEN_AS_LEAF are learned while walking, not taken from the spec: they let the walker
   * skip the `gotoFirstChild` call that fails on every leaf. HAS_CHILDREN: a node of this type had
   * children (rare for anonymous types: Python's `is not` holds `is` and `not`). SEEN_AS_LEAF: a named
   * node of this type had none.
   */
  HAS_CHILDREN: 1 << 24,
  /** An `if`'s token that its else branch follows (`StructureKinds.elseTokens`). */
  ELSE_TOKEN: 1 << 25,
  /** Counts `CyclomaticTokens.decisions(node)` toward the CCN. */
  DECISIONS: 1 << 26,
  SEEN_AS_LEAF: 1 << 27,
  /** Joins a logical-operator sequence without adding to it (`StructureKinds.uncountedLogicalOperators`). */
  LOGICAL_UNCOUNTED: 1 << 28,
  /** A JSX `{…}` container (`StructureKinds.jsxContainerKinds`). */
  JSX_CONTAINER: 1 << 29,
  /** Nests its non-condition children for cognitive complexity without an increment (sonar-python's `case`). */
  NESTING_ONLY: 1 << 30,
} as const;

/** The roles an anonymous leaf can have: lizard tokens and logical operators. */
const LEAF_ROLES =
  K.CYCLOMATIC_TOKEN |
  K.QUESTION_LEAF |
  K.HAS_QUESTION |
  K.LOGICAL_OPERATOR |
  K.LOGICAL_UNCOUNTED |
  K.IDENTIFIER |
  K.ELSE_TOKEN;

/** Role bits of a field (`KindTable.fieldFlags`). */
export const F = {
  CONDITION_FIELD: 1 << 0,
  ALTERNATIVE: 1 << 1,
  /** The field is literally `condition` (the branch condition measured for maxConditionOperators). */
  NAMED_CONDITION: 1 << 2,
} as const;

export interface KindTable {
  language: Language;
  /** Type name by id, as `TreeCursor.nodeType` reports it. */
  names: readonly string[];
  /** Role bits by type id; the learned bits (HAS_CHILDREN, SEEN_AS_LEAF) are added by the walker. */
  flags: Uint32Array;
  /** Flags of ids outside the table (the ERROR symbol, 65535), without NAMED. */
  errorFlags: number;
  fieldFlags: Uint8Array;
  /** Condition words lizard would also count as identifiers: those of 2–5 characters. */
  identifierWords: readonly string[];
  /** Id of the `operator` field (0 when the grammar has none): tells a logical binary from `a + b`. */
  operatorField: number;
}

const tables = new WeakMap<LanguageSpec, KindTable>();

/** The table of a spec for the grammar its trees come from, built once per spec and grammar. */
export function kindTable(spec: LanguageSpec, language: Language): KindTable {
  const cached = tables.get(spec);
  if (cached && cached.language === language) return cached;
  const table = buildTable(spec, language);
  tables.set(spec, table);
  return table;
}

function buildTable(spec: LanguageSpec, language: Language): KindTable {
  const count = language.nodeTypeCount;
  const names: string[] = [];
  const flags = new Uint32Array(count);
  for (let id = 0; id < count; id++) {
    // Same fallback as TreeCursor.nodeType for ids without a public name.
    const name = language.types[id] || 'ERROR';
    names.push(name);
    // Roles are for named nodes; a keyword leaf spelled like one (Ruby's `"if"` inside an `if`) only
    // keeps its token roles.
    flags[id] = language.nodeTypeIsNamed(id)
      ? typeFlags(spec, name) | K.NAMED
      : typeFlags(spec, name) & LEAF_ROLES;
  }
  const fieldFlags = new Uint8Array(language.fields.length);
  const s = spec.structure;
  language.fields.forEach((field, id) => {
    if (field === null) return;
    fieldFlags[id] =
      (s.conditionFields.has(field) ? F.CONDITION_FIELD : 0) |
      (field === s.alternativeField ? F.ALTERNATIVE : 0) |
      (field === 'condition' ? F.NAMED_CONDITION : 0);
  });
  const identifierWords = [...spec.cyclomatic.words].filter((w) => w.length >= 2 && w.length <= 5);
  const operatorField = Math.max(0, language.fields.indexOf('operator'));
  return {
    language,
    names,
    flags,
    errorFlags: typeFlags(spec, 'ERROR'),
    fieldFlags,
    identifierWords,
    operatorField,
  };
}

function typeFlags(spec: LanguageSpec, type: string): number {
  const s = spec.structure;
  const c = spec.cyclomatic;
  const has = (set: ReadonlySet<string> | undefined, bit: number): number => (set?.has(type) ? bit : 0);
  return (
    has(spec.functionKinds, K.FUNCTION) |
    has(spec.commentKinds, K.COMMENT) |
    has(c.opaqueKinds, K.OPAQUE) |
    has(s.ifKinds, K.IF) |
    has(s.elseIfKinds, K.ELSE_IF) |
    has(s.elseKinds, K.ELSE) |
    has(s.loopKinds, K.LOOP) |
    has(s.switchKinds, K.SWITCH) |
    has(s.catchKinds, K.CATCH) |
    has(s.ternaryKinds, K.TERNARY) |
    has(s.extraNestingKinds, K.EXTRA_NESTING) |
    has(s.nestingOnlyKinds, K.NESTING_ONLY) |
    has(s.binaryKinds, K.BINARY) |
    has(s.parenthesizedKinds, K.PAREN) |
    has(s.gotoKinds, K.GOTO) |
    has(s.jumpKinds, K.JUMP) |
    has(s.labelKinds, K.LABEL) |
    has(s.callKinds, K.CALL) |
    (c.words.has(type) || c.operators.has(type) ? K.CYCLOMATIC_TOKEN : 0) |
    (c.questionMarks === 'leaf' && type === '?' ? K.QUESTION_LEAF : 0) |
    (c.questionMarks === 'lizard-ts' && type.includes('?') ? K.HAS_QUESTION : 0) |
    (c.questionMarks === 'lizard-ts' && type === 'optional_chain' ? K.OPTIONAL_CHAIN : 0) |
    (type.includes('identifier') ? K.IDENTIFIER : 0) |
    has(s.logicalOperators, K.LOGICAL_OPERATOR) |
    has(s.uncountedLogicalOperators, K.LOGICAL_UNCOUNTED) |
    has(s.jsxContainerKinds, K.JSX_CONTAINER) |
    has(s.elseTokens, K.ELSE_TOKEN) |
    has(c.decisionKinds, K.DECISIONS)
  );
}
