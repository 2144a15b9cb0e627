import { api } from '../../shared/api';
import type { RoleInfo } from '../../shared/api-types';
import { useApi, type ApiState } from '../common/use-api';

/** The roles catalogue (`GET /api/roles`). */
export function useRoles(): ApiState<RoleInfo[]> {
  return useApi((signal) => api.get<RoleInfo[]>('/api/roles', { signal }), []);
}
