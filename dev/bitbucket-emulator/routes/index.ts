/** Every implemented operation, keyed by "METHOD /openapi/template". */
import type { HttpError } from '../errors';
import type { Handler, RouteTable } from './context';
import { commentRoutes } from './comments';
import { commitRoutes } from './commits';
import { diffRoutes } from './diff';
import { projectRoutes } from './projects';
import { pullRequestRoutes } from './pullrequests';
import { ANNOTATION_BULK_TEMPLATE, checkBulkSize, reportRoutes } from './reports';
import { srcRoutes } from './src';
import { statusRoutes } from './statuses';
import { userPermissionRoutes } from './user-permissions';
import { userRoutes } from './users';

export function allRoutes(): Map<string, Handler> {
  const tables: RouteTable[] = [
    userRoutes,
    userPermissionRoutes,
    projectRoutes,
    commitRoutes,
    pullRequestRoutes,
    diffRoutes,
    srcRoutes,
    commentRoutes,
    reportRoutes,
    statusRoutes,
  ];
  return new Map(tables.flatMap((table) => Object.entries(table)));
}

/** Checks that must answer before OpenAPI body validation because Bitbucket words them its own way. */
export function bodyPrechecks(): Map<string, (body: unknown) => HttpError | undefined> {
  return new Map([[ANNOTATION_BULK_TEMPLATE, checkBulkSize]]);
}
