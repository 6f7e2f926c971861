import { type operations, spec } from '@qeetid/contract';

/** What the spec walkers read of an operation: its parameters (dereferenced) and its body schema. */
export interface Param {
  name: string;
  in: string;
  required?: boolean;
  schema?: { $ref?: string };
}
type Op = {
  parameters?: (Param | { $ref: string })[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
};
const doc = spec as unknown as {
  paths: Record<string, Record<string, Op> & { parameters?: (Param | { $ref: string })[] }>;
  components: { parameters: Record<string, Param> };
};
const deref = (p: Param | { $ref: string }): Param =>
  '$ref' in p ? (doc.components.parameters[p.$ref.split('/').pop() as string] as Param) : p;

/** The operation's path-item and own parameters, and the `$ref` of its JSON body schema if it takes one. */
export function shapeOf(op: (typeof operations)[number]): { params: Param[]; body: string | undefined } {
  const item = doc.paths[op.path];
  const raw = item?.[op.method] as Op;
  return {
    params: [...(item?.parameters ?? []), ...(raw.parameters ?? [])].map(deref),
    body: raw.requestBody ? (raw.requestBody.content['application/json']?.schema.$ref ?? '') : undefined,
  };
}
