import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from '../../shared/api';

/**
 * Puts the server's field errors (VALIDATION_FAILED details.fields) under the matching form fields
 * and returns the message to show above the form (the server's `message`, verbatim).
 */
export function applyServerErrors(form: FormInstance, error: unknown, fieldNames: readonly string[]): string {
  if (error instanceof ApiError) {
    const fields = error.fieldErrors.filter((field) => fieldNames.includes(field.field));
    if (fields.length > 0) form.setFields(fields.map((field) => ({ name: field.field, errors: [field.message] })));
  }
  return errorMessage(error);
}
