/**
 * Checks every request against Bitbucket's published OpenAPI document: the path template and method must
 * exist, documented path/query parameters must have their documented types, and JSON bodies must match the
 * requestBody schema. The document is loaded tolerantly (it is not strictly valid OpenAPI) and a short,
 * commented list of errata is applied where it contradicts Bitbucket's documented behaviour.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

export const DEFAULT_OPENAPI_PATH = path.join(__dirname, 'openapi', 'bitbucket-openapi.json');
const DOC_ID = 'bitbucket-openapi';
/** Parameters that may swallow the rest of the URL path (`src/{commit}/{path}`, `diff/{spec}` with `ws/repo:` prefixes). */
const GREEDY_PARAMETERS = new Set(['path', 'spec', 'revspec']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

interface Schema {
  [key: string]: unknown;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { $ref?: string; required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, unknown> }>;
}
interface Template {
  template: string;
  segments: string[];
  operations: Map<string, Operation>;
  sharedParameters: Array<Parameter | { $ref: string }>;
}

export type RouteMatch =
  | { kind: 'ok'; template: string; params: Record<string, string>; operation: ResolvedOperation }
  | { kind: 'unknown-path' }
  | { kind: 'method-not-allowed'; template: string; allowed: string[] };

export interface ResolvedOperation {
  parameters: Parameter[];
  bodySchema: Schema | undefined;
  bodyRequired: boolean;
  validateBody: ValidateFunction | undefined;
  /** Media types of the documented 2xx responses (content negotiation); empty when none has a body. */
  successMediaTypes: string[];
}

export class OpenApiValidator {
  private readonly templates: Template[] = [];
  private readonly ajv: Ajv;
  private readonly doc: {
    components?: {
      schemas?: Record<string, Schema>;
      requestBodies?: Record<string, unknown>;
      parameters?: Record<string, Parameter>;
    };
  };
  private readonly resolved = new Map<string, ResolvedOperation>();
  private readonly paramValidators = new Map<string, ValidateFunction>();

  constructor(openApiPath: string = DEFAULT_OPENAPI_PATH) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(openApiPath, 'utf8'));
    } catch (error) {
      throw new Error(`Cannot load the OpenAPI document ${openApiPath}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const doc = raw as {
      paths?: Record<string, Record<string, unknown>>;
      components?: Record<string, never>;
    };
    if (!doc.paths || typeof doc.paths !== 'object')
      throw new Error(`${openApiPath} has no "paths"; is it an OpenAPI document?`);
    this.doc = { components: structuredClone(doc.components ?? {}) };
    applyErrata(this.doc.components?.schemas ?? {});
    for (const [template, item] of Object.entries(doc.paths)) {
      const operations = new Map<string, Operation>();
      for (const method of METHODS)
        if (item[method]) operations.set(method.toUpperCase(), item[method] as Operation);
      this.templates.push({
        template,
        segments: template.replace(/^\//, '').split('/'),
        operations,
        sharedParameters: (item.parameters as Template['sharedParameters']) ?? [],
      });
    }
    // strict: false because the document uses OpenAPI keywords (discriminator, example, x-*) unknown to JSON Schema.
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOC_ID, components: this.doc.components }, undefined, undefined, false);
  }

  /** `rawSegments`: the URL path after `/2.0/`, split on "/" but not yet percent-decoded. */
  match(method: string, rawSegments: string[]): RouteMatch {
    const candidates: Array<{ t: Template; params: Record<string, string>; rank: string }> = [];
    for (const t of this.templates) {
      const params = matchSegments(t.segments, rawSegments);
      if (params)
        candidates.push({ t, params, rank: t.segments.map((s) => (s.startsWith('{') ? 'P' : 'L')).join('') });
    }
    if (candidates.length === 0) return { kind: 'unknown-path' };
    // Literal segments win over parameters (`pullrequests/activity` before `pullrequests/{id}`).
    candidates.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    for (const c of candidates) {
      const operation = c.t.operations.get(method);
      if (operation)
        return {
          kind: 'ok',
          template: c.t.template,
          params: c.params,
          operation: this.resolve(c.t, method, operation),
        };
    }
    const first = candidates[0] as (typeof candidates)[number];
    return {
      kind: 'method-not-allowed',
      template: first.t.template,
      allowed: [...first.t.operations.keys()],
    };
  }

  /** Problems with documented path and query parameters, as "name: reason" messages. */
  checkParameters(
    operation: ResolvedOperation,
    pathParams: Record<string, string>,
    query: URLSearchParams,
  ): string[] {
    const problems: string[] = [];
    for (const p of operation.parameters) {
      if (p.in !== 'path' && p.in !== 'query') continue;
      const values =
        p.in === 'path'
          ? pathParams[p.name] === undefined
            ? []
            : [pathParams[p.name] as string]
          : query.getAll(p.name);
      if (values.length === 0) {
        if (p.required && p.in === 'query') problems.push(`${p.name}: required query parameter is missing`);
        continue;
      }
      for (const value of values) {
        const problem = this.checkValue(p, value);
        if (problem) problems.push(`${p.name}: ${problem}`);
      }
    }
    return problems;
  }

  /** Problems with a JSON request body, as "path: reason" messages. */
  checkBody(operation: ResolvedOperation, body: unknown, present: boolean): string[] {
    if (!present) return operation.bodyRequired ? ['request body is required'] : [];
    if (!operation.validateBody) return [];
    if (operation.validateBody(body)) return [];
    return formatErrors(operation.validateBody.errors ?? []);
  }

  /** Whether a dotted field path (as used in BBQL `q` and `sort`) exists in the named schema. */
  schemaHasField(schemaName: string, dotted: string): boolean {
    let current: Schema | undefined = this.component(schemaName);
    for (const part of dotted.split('.')) {
      if (!current) return false;
      current = this.properties(current)[part];
    }
    return current !== undefined;
  }

  private properties(schema: Schema, depth = 0): Record<string, Schema> {
    if (depth > 10) return {};
    const resolved = this.deref(schema);
    const out: Record<string, Schema> = {
      ...((resolved.properties as Record<string, Schema> | undefined) ?? {}),
    };
    for (const part of (resolved.allOf as Schema[] | undefined) ?? [])
      Object.assign(out, this.properties(part, depth + 1));
    return out;
  }

  private deref(schema: Schema): Schema {
    const ref = schema.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/schemas/'))
      return this.component(ref.slice('#/components/schemas/'.length)) ?? {};
    return schema;
  }

  private component(name: string): Schema | undefined {
    return this.doc.components?.schemas?.[name];
  }

  private checkValue(p: Parameter, value: string): string | undefined {
    const schema = p.schema ?? {};
    let coerced: unknown = value;
    if (schema.type === 'integer') {
      if (!/^-?\d+$/.test(value)) return `expected an integer, got "${value}"`;
      coerced = Number(value);
    } else if (schema.type === 'number') {
      if (value.trim() === '' || Number.isNaN(Number(value))) return `expected a number, got "${value}"`;
      coerced = Number(value);
    } else if (schema.type === 'boolean') {
      if (value !== 'true' && value !== 'false') return `expected true or false, got "${value}"`;
      coerced = value === 'true';
    }
    const key = JSON.stringify(schema);
    let validate = this.paramValidators.get(key);
    if (!validate) this.paramValidators.set(key, (validate = this.ajv.compile(schema)));
    if (validate(coerced)) return undefined;
    return formatErrors(validate.errors ?? [], false).join('; ');
  }

  private resolve(t: Template, method: string, operation: Operation): ResolvedOperation {
    const key = `${method} ${t.template}`;
    const cached = this.resolved.get(key);
    if (cached) return cached;
    const byName = new Map<string, Parameter>();
    for (const p of [...t.sharedParameters, ...(operation.parameters ?? [])]) {
      const param = '$ref' in p ? this.doc.components?.parameters?.[p.$ref.split('/').pop() ?? ''] : p;
      if (param) byName.set(`${param.in}:${param.name}`, param);
    }
    let body = operation.requestBody;
    if (body?.$ref)
      body = this.doc.components?.requestBodies?.[
        body.$ref.split('/').pop() ?? ''
      ] as Operation['requestBody'];
    const bodySchema = body?.content?.['application/json']?.schema;
    const result: ResolvedOperation = {
      parameters: [...byName.values()],
      bodySchema,
      bodyRequired: body?.required === true,
      validateBody: bodySchema ? this.ajv.compile(rebase(bodySchema)) : undefined,
      successMediaTypes: [
        ...new Set(
          Object.entries(operation.responses ?? {})
            .filter(([status]) => /^2\d\d$/.test(status))
            .flatMap(([, response]) => Object.keys(response.content ?? {})),
        ),
      ],
    };
    this.resolved.set(key, result);
    return result;
  }
}

function matchSegments(template: string[], raw: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  const last = template[template.length - 1] ?? '';
  const greedy = last.startsWith('{') && GREEDY_PARAMETERS.has(last.slice(1, -1));
  if (raw.length !== template.length && !(greedy && raw.length > template.length)) return undefined;
  for (let i = 0; i < template.length; i++) {
    const segment = template[i] as string;
    const isLast = i === template.length - 1;
    const value = isLast && greedy ? raw.slice(i).join('/') : (raw[i] as string);
    if (segment.startsWith('{') && segment.endsWith('}')) {
      const name = segment.slice(1, -1);
      // Only a trailing `path` may be empty: `src/{commit}/` lists the root directory.
      if (value === '' && !(isLast && name === 'path')) return undefined;
      let decoded: string;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        return undefined;
      }
      params[name] = decoded;
    } else if (segment !== value) {
      return undefined;
    }
  }
  return params;
}

/** Point the document's local `#/components/...` references at the copy registered in Ajv. */
function rebase(schema: Schema): Schema {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, `"$ref":"${DOC_ID}#/`)) as Schema;
}

function formatErrors(errors: ErrorObject[], withPath = true): string[] {
  const seen = new Set<string>();
  for (const e of errors) {
    // allOf branches repeat the same error; report each once.
    const where = e.instancePath === '' ? '(body)' : e.instancePath.replace(/^\//, '').replace(/\//g, '.');
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'enum')
      message = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`;
    if (e.keyword === 'additionalProperties')
      message = `extra keys not allowed: "${(e.params as { additionalProperty: string }).additionalProperty}"`;
    seen.add(withPath ? `${where}: ${message}` : message);
  }
  return [...seen];
}

/**
 * Places where the published document contradicts Bitbucket's documented and observed behaviour. Each
 * entry loosens the document only as far as the evidence goes.
 */
function applyErrata(schemas: Record<string, Schema>): void {
  // `object` (the base of every model) requires `type`, yet Bitbucket's own request examples for reports,
  // annotations, statuses and comments send no `type` and clients are told not to (bitbucket-api.md §4).
  const base = schemas.object;
  if (base && Array.isArray(base.required))
    base.required = (base.required as string[]).filter((r) => r !== 'type');
  // `report_data.value` is typed `object`, but the documented value kinds are booleans, numbers, strings
  // and {text, href} links (Code Insights table; the spec's own examples send numbers).
  const value = (schemas.report_data?.properties as Record<string, Schema> | undefined)?.value;
  if (value) delete value.type;
}
