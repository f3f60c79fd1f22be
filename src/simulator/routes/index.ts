// Every operation the simulator serves.
import type { RouteDefinition } from '../router.js';
import { apiKeyRoutes } from './api-keys.js';
import { billingRoutes } from './billing.js';
import { clusterRoutes } from './cmk.js';
import { iamRoutes } from './iam.js';
import { identityRoutes } from './identity.js';
import { organizationRoutes } from './org.js';
import { roleBindingRoutes } from './role-bindings.js';

export const ROUTES: readonly RouteDefinition[] = [
  ...organizationRoutes,
  ...iamRoutes,
  ...roleBindingRoutes,
  ...clusterRoutes,
  ...apiKeyRoutes,
  ...billingRoutes,
  ...identityRoutes,
];
