import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from '../../shared/api';

/**
 * Puts the server's field errors under the form's fields and returns the message for the top of the
 * form. Handles both shapes the API uses: `details.fields` (validation, RESIDENT_INVALID) and a
 * single `details.field` (e.g. RESIDENT_DUPLICATE, VISIT_PEOPLE_OUTSIDE_HOUSEHOLD), where the
 * message itself is the field's error. `formField` maps a server field name to the form's, or null.
 */
export function showServerErrors<Name extends string>(form: FormInstance, error: unknown, formField: (field: string) => Name | null): string {
  if (error instanceof ApiError) {
    const single = error.details['field'];
    const fields = error.fieldErrors.length > 0 ? error.fieldErrors : typeof single === 'string' ? [{ field: single, message: error.message }] : [];
    const byName = new Map<Name, string[]>();
    for (const field of fields) {
      const name = formField(field.field);
      if (name) byName.set(name, [...(byName.get(name) ?? []), field.message]);
    }
    if (byName.size > 0) form.setFields([...byName].map(([name, errors]) => ({ name, errors })));
  }
  return errorMessage(error);
}
