/** Naming conventions the rules need to understand about functions reported by the metrics walkers. */

/** Last segment of a qualified name: `Foo.bar`, `Foo::bar`, `Foo#bar` → `bar`. */
export function shortName(name: string): string {
  const parts = name.split(/::|[.#]/);
  return parts[parts.length - 1] ?? name;
}

/** Constructor names per language: JS/TS/Kotlin, Python, PHP, Ruby, Swift. Java/C# use the class name. */
const CONSTRUCTOR_NAMES = new Set(['constructor', '__init__', '__construct', 'initialize', 'init']);

/** True when the function is a constructor, which CodeScene allows one more argument (Constructor Over-Injection). */
export function isConstructorName(name: string): boolean {
  if (CONSTRUCTOR_NAMES.has(shortName(name))) return true;
  // Java, C#, C++: `Foo.Foo` / `Foo::Foo` — the method is named after its class.
  const parts = name.split(/::|[.#]/);
  return parts.length >= 2 && parts[parts.length - 1] === parts[parts.length - 2];
}

/** Walkers name unnamed lambdas and callbacks in different ways; all of them are "anonymous". */
export function isAnonymousName(name: string): boolean {
  const trimmed = name.trim();
  return (
    trimmed === '' || trimmed.startsWith('<') || trimmed.startsWith('(') || /anonymous|lambda/i.test(trimmed)
  );
}

/** How a message names a function: `'parse'`, or "an anonymous function" when it has no name. */
export function describeFunction(name: string): string {
  return isAnonymousName(name) ? 'An anonymous function' : `Function '${name}'`;
}
