import type { FormInstance } from 'antd';
import { ApiError, errorMessage } from '../../shared/api';

type NamePath = (string | number)[];

/**
 * Puts the server's errors under the form fields they name and returns the message for the top of the
 * form. Understands validation answers (`details.fields[].field`, a dotted path like `parties.0.name`),
 * rule errors naming one `details.field`, and rule errors known by their code (`byCode`). `rename`
 * maps a server field to the form's where they differ (`mediators` → `mediatorIds`).
 */
export function showFieldErrors(
  form: FormInstance,
  error: unknown,
  options: { rename?: Readonly<Record<string, string>>; byCode?: Readonly<Record<string, string>> } = {},
): string {
  if (!(error instanceof ApiError)) return errorMessage(error);
  const single = error.details['field'];
  const fromCode = options.byCode?.[error.code];
  const problems =
    error.fieldErrors.length > 0
      ? error.fieldErrors.map((f) => ({ field: f.field, message: f.message }))
      : typeof single === 'string'
        ? [{ field: single, message: error.message }]
        : fromCode
          ? [{ field: fromCode, message: error.message }]
          : [];
  const fields: { name: NamePath; errors: string[] }[] = [];
  for (const problem of problems) {
    const parts = problem.field.split('.');
    const head = options.rename?.[parts[0] ?? ''] ?? parts[0] ?? '';
    const name: NamePath = [head, ...parts.slice(1).map((part) => (/^\d+$/.test(part) ? Number(part) : part))];
    fields.push({ name, errors: [problem.message] });
  }
  if (fields.length > 0) form.setFields(fields);
  return error.message;
}
