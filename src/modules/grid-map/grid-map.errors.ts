import { registerErrors } from '../../platform/errors.ts';
import { registerAuditActions } from '../../platform/audit/audit.ts';

export const GRID_MAP_ERRORS = registerErrors({
  MAP_NODE_KIND: { status: 400, zh: '「组织节点」须为区、街道、社区或网格', en: 'The map is shown for a district, street, community or grid' },
  MAP_NOT_A_GRID: { status: 400, zh: '「网格」须为网格节点，只有网格有边界', en: 'Only a grid has a boundary' },
  MAP_NOT_A_BUILDING: { status: 400, zh: '「楼栋」须为楼栋节点', en: 'Only a building has a point on the map' },
  MAP_BOUNDARY_INVALID: { status: 400, zh: '「边界」不是有效的 GeoJSON 多边形', en: 'The boundary is not a valid GeoJSON polygon' },
  MAP_BOUNDARY_NOT_AFTER: { status: 409, zh: '「生效日期」须晚于现行边界的生效日期', en: 'validFrom must be after the current boundary starts' },
  MAP_POINT_NOT_IN_GRID: { status: 404, zh: '该位置不在您管辖范围内任何网格的边界之内', en: 'The point lies in no grid within your area' },
});

registerAuditActions({
  'map.boundary.set': { zh: '设置网格边界', en: 'Set grid boundary' },
  'map.building.point': { zh: '标注楼栋位置', en: 'Place building on map' },
});
