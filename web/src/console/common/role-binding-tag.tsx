import { Tag } from 'antd';
import type { RoleBinding } from '../../shared/api-types';

/** `网格员 @ 幸福里一网格` */
export function bindingText(binding: Pick<RoleBinding, 'roleLabel' | 'nodeName'>): string {
  return `${binding.roleLabel} @ ${binding.nodeName}`;
}

export function RoleBindingTag({ binding }: { binding: RoleBinding }) {
  return (
    <Tag color="volcano" variant="outlined" style={{ marginInlineEnd: 4 }}>
      {bindingText(binding)}
    </Tag>
  );
}
