import { type FieldError, spec } from '@qeetid/contract';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ApiError } from './errors.ts';

type Schema = Record<string, unknown>;
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema; $ref?: string };
type OperationObject = {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: Schema }> }>;
};
type PathItem = Record<string, unknown> & { parameters?: Parameter[] };

const SPEC_ID = 'openapi';
// ajv-formats is CommonJS: under Node's ESM loader the default import is the plugin itself.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

function makeAjv(options: { coerce: boolean }): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    coerceTypes: options.coerce,
    useDefaults: options.coerce,
  });
  addFormats(ajv, ['email', 'date-time', 'uri', 'uuid']);
  // Refs inside operations point into the document; register it once under an id.
  ajv.addSchema({ components: spec.components }, SPEC_ID);
  return ajv;
}

const inputAjv = makeAjv({ coerce: true });
const bodyAjv = makeAjv({ coerce: false });
const responseAjv = makeAjv({ coerce: false });

function rebase<T>(node: T): T {
  return JSON.parse(JSON.stringify(node).replaceAll('"$ref":"#/', `"$ref":"${SPEC_ID}#/`)) as T;
}

function resolve<T extends { $ref?: string }>(node: T): T {
  if (!node.$ref) return node;
  const path = node.$ref.replace(/^#\//, '').split('/');
  return path.reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], spec) as T;
}

function objectSchema(params: Parameter[]): Schema {
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(params.map((p) => [p.name, rebase(p.schema ?? {})])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
}

export interface OperationValidator {
  path(raw: Record<string, string>): Record<string, unknown>;
  query(raw: Record<string, string | string[]>): Record<string, unknown>;
  /** Present when the operation takes a JSON body. */
  body: { required: boolean; check(value: unknown): unknown } | null;
  response(status: number, body: unknown): string | null;
}

/** Compiles the validators of one operation from the spec's own schemas. */
export function operationValidator(path: string, method: string): OperationValidator {
  const item = (spec.paths as unknown as Record<string, PathItem>)[path];
  const op = item?.[method] as OperationObject | undefined;
  if (!item || !op) throw new Error(`no operation ${method} ${path} in the spec`);
  const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolve);
  const pathCheck = inputAjv.compile(objectSchema(params.filter((p) => p.in === 'path')));
  const queryCheck = inputAjv.compile(objectSchema(params.filter((p) => p.in === 'query')));
  const bodySchema = op.requestBody?.content?.['application/json']?.schema;
  const bodyCheck = bodySchema ? bodyAjv.compile(rebase(bodySchema)) : null;
  const responseChecks = new Map<string, ValidateFunction | null>();

  return {
    path: (raw) => run(pathCheck, { ...raw }),
    query: (raw) => run(queryCheck, { ...raw }),
    body: bodyCheck ? { required: op.requestBody?.required === true, check: (value) => run(bodyCheck, value) } : null,
    response(status, body) {
      const key = String(status);
      if (!responseChecks.has(key)) {
        const response = op.responses?.[key] ? resolve(op.responses[key]) : undefined;
        const schema = response?.content?.['application/json']?.schema;
        responseChecks.set(key, schema ? responseAjv.compile(rebase(schema)) : null);
        if (!response) return `status ${status} is not documented for ${method.toUpperCase()} ${path}`;
      }
      const check = responseChecks.get(key);
      if (!check) return null;
      return check(body) ? null : responseAjv.errorsText(check.errors);
    },
  };
}

function run<T>(check: ValidateFunction, value: T): T {
  if (!check(value)) throw ApiError.validation(fieldErrors(check.errors ?? []));
  return value;
}

/** Ajv's findings as CONTRACT.md `fields`: a dotted field, a stable code, a sentence. */
export function fieldErrors(errors: ErrorObject[]): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    const base = e.instancePath.split('/').slice(1).join('.');
    const child =
      e.keyword === 'required'
        ? (e.params as { missingProperty: string }).missingProperty
        : e.keyword === 'additionalProperties'
          ? (e.params as { additionalProperty: string }).additionalProperty
          : '';
    const field = [base, child].filter(Boolean).join('.') || 'body';
    const [code, message] = describe(e);
    const key = `${field}|${code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ field, code, message });
  }
  return out;
}

function describe(e: ErrorObject): [string, string] {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return ['required', 'is required'];
    case 'additionalProperties':
      return ['unknown_field', 'is not a known field'];
    case 'format':
      return [`invalid_${String(p.format).replaceAll('-', '_')}`, formatMessage(String(p.format))];
    case 'maxLength':
      return ['too_long', `must be at most ${p.limit} characters`];
    case 'minLength':
      return ['too_short', p.limit === 1 ? 'must not be empty' : `must be at least ${p.limit} characters`];
    case 'maximum':
    case 'minimum':
      return ['out_of_range', `must be ${e.keyword === 'maximum' ? 'at most' : 'at least'} ${p.limit}`];
    case 'maxItems':
      return ['too_many', `must have at most ${p.limit} items`];
    case 'minItems':
      return ['too_few', `must have at least ${p.limit} items`];
    case 'maxProperties':
      return ['too_many', `must have at most ${p.limit} keys`];
    case 'minProperties':
      return ['empty', 'must name at least one field'];
    case 'uniqueItems':
      return ['duplicate', 'must not repeat items'];
    case 'enum':
      return ['invalid_value', `must be one of ${(p.allowedValues as unknown[]).join(', ')}`];
    case 'pattern':
      return ['invalid_format', 'has an invalid format'];
    case 'type':
      return ['invalid_type', `must be ${p.type}`];
    default:
      return [e.keyword, e.message ?? 'is invalid'];
  }
}

function formatMessage(format: string): string {
  switch (format) {
    case 'email':
      return 'must be a valid email address';
    case 'date-time':
      return 'must be an RFC 3339 date-time';
    default:
      return `must be a valid ${format}`;
  }
}
