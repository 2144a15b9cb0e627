import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Select, Space } from 'antd';
import type { Role, RoleInfo } from '../../shared/api-types';
import { useLang } from '../../shared/i18n';
import { OrgTreeSelect, type OrgPick } from '../common/org-tree-select';
import { kindLabel, useT } from '../messages';

export type BindingValue = { role?: Role; node?: OrgPick | null };

/** Role bindings of an account: each row a role and the org node it applies to (limited to the role's node kinds). */
export function RoleBindingsField({ roles }: { roles: readonly RoleInfo[] }) {
  const t = useT();
  const lang = useLang();
  const form = Form.useFormInstance();
  const roleOptions = roles.map((info) => ({ value: info.role, label: lang === 'en' ? info.labelEn : info.label, title: info.description }));

  return (
    <Form.List
      name="roles"
      rules={[
        {
          validator: async (_rule, value: unknown) => {
            if (!Array.isArray(value) || value.length === 0) throw new Error(t('accounts.roles.required'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div data-testid="role-bindings">
          {fields.map((field) => (
            <Form.Item key={field.key} noStyle shouldUpdate>
              {() => {
                const role: unknown = form.getFieldValue(['roles', field.name, 'role']);
                const info = roles.find((item) => item.role === role);
                return (
                  <Space align="start" wrap className="gz-binding-row">
                    <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: t('accounts.role.required') }]} style={{ marginBottom: 8 }}>
                      <Select
                        options={roleOptions}
                        placeholder={t('accounts.role')}
                        style={{ width: 150 }}
                        data-testid="binding-role"
                        onChange={() => form.setFieldValue(['roles', field.name, 'node'], null)}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'node']}
                      rules={[{ required: true, message: t('accounts.node.required') }]}
                      extra={info ? t('accounts.node.allowed', { kinds: info.allowedNodeKinds.map((kind) => kindLabel(t, kind)).join(' / ') }) : undefined}
                      style={{ marginBottom: 8 }}
                    >
                      <OrgTreeSelect allowedKinds={info?.allowedNodeKinds ?? []} style={{ width: 240 }} testId="binding-node" />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => remove(field.name)} />
                  </Space>
                );
              }}
            </Form.Item>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ node: null })} data-testid="binding-add">
            {t('accounts.roles.add')}
          </Button>
          <Form.ErrorList errors={errors} />
        </div>
      )}
    </Form.List>
  );
}
