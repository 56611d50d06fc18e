/** `GET /2.0/user`: the account behind the bearer token. */
import { accountJson } from '../representations';
import { ok, type RouteTable } from './context';

export const userRoutes: RouteTable = {
  'GET /user': async (ctx) =>
    ok({
      ...accountJson(ctx.env.baseUrl, ctx.user),
      created_on: '2024-01-01T00:00:00.000000+00:00',
      is_staff: false,
    }),
};
