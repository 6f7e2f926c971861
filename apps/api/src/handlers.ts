import type { Handlers } from '@qeetid/contract';
import type { Ctx } from './http/context.ts';
import { abacHandlers } from './modules/abac/handlers.ts';
import { apiKeyHandlers } from './modules/api-keys/handlers.ts';
import { auditHandlers } from './modules/audit/handlers.ts';
import { authHandlers } from './modules/auth/handlers.ts';
import { authPolicyHandlers } from './modules/auth-policy/handlers.ts';
import { authzHandlers } from './modules/authz/handlers.ts';
import { groupHandlers } from './modules/groups/handlers.ts';
import { healthHandlers } from './modules/health/handlers.ts';
import { mfaHandlers } from './modules/mfa/handlers.ts';
import { oneTimeHandlers } from './modules/one-time/handlers.ts';
import { passkeyHandlers } from './modules/passkeys/handlers.ts';
import { patHandlers } from './modules/pats/handlers.ts';
import { sessionHandlers } from './modules/sessions/handlers.ts';
import { signingKeyHandlers } from './modules/signing-keys/handlers.ts';
import { tenantHandlers } from './modules/tenants/handlers.ts';
import { userHandlers } from './modules/users/handlers.ts';

export type AppHandlers = Handlers<Ctx>;

export const handlers = {
  ...healthHandlers,
  ...authHandlers,
  ...tenantHandlers,
  ...userHandlers,
  ...apiKeyHandlers,
  ...auditHandlers,
  ...authzHandlers,
  ...groupHandlers,
  ...abacHandlers,
  ...passkeyHandlers,
  ...mfaHandlers,
  ...signingKeyHandlers,
  ...sessionHandlers,
  ...patHandlers,
  ...oneTimeHandlers,
  ...authPolicyHandlers,
} satisfies AppHandlers;
