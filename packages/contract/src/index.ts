import type { OperationId, OperationTypes } from './gen/operations.gen.ts';

export type { OperationId, OperationTypes } from './gen/operations.gen.ts';
export { operations } from './gen/operations.gen.ts';
export { default as spec } from './gen/spec.gen.json' with { type: 'json' };
export type * from './gen/types.gen.ts';

type Present<T> = [NonNullable<T>] extends [never] ? undefined : NonNullable<T>;
type Data<Op extends OperationId> = OperationTypes[Op]['data'];
type Responses<Op extends OperationId> = OperationTypes[Op]['responses'];

/** What the binder hands a handler: validated path, query and body of one operation. */
export type HandlerRequest<Op extends OperationId> = {
  path: Present<Data<Op>['path']>;
  query: Present<Data<Op>['query']>;
  body: Present<Data<Op>['body']>;
};

/** One of the operation's documented success responses, or a raw Response (streams, redirects). */
export type Reply<Op extends OperationId> =
  | {
      [S in keyof Responses<Op>]: {
        status: S;
        body: Responses<Op>[S];
        headers?: Record<string, string>;
      };
    }[keyof Responses<Op>]
  | Response;

export type Handler<Op extends OperationId, Ctx> = (req: HandlerRequest<Op>, ctx: Ctx) => Promise<Reply<Op>>;

/** Exactly one handler per operationId in openapi.yaml; the compiler enforces completeness. */
export type Handlers<Ctx> = { [Op in OperationId]: Handler<Op, Ctx> };
export { type AuditHashParts, auditEventHash, auditHashParts, GENESIS_HASH } from './audit-hash.ts';
export { decodeId, encodeId, type IdKind, idPrefix, newId } from './ids.ts';
