import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { DomainError, errorSpec } from '../errors.ts';
import { describeIssues } from './validation-messages.ts';

/** Maps every error to `{ code, message, details }`; user input never produces a 500. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError | DomainError | Error, req, reply) => {
    const lang = req.lang ?? 'zh';
    if (error instanceof DomainError) {
      return reply.status(error.status).send({ code: error.code, message: error.localized(lang), details: error.details });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const part = (error as unknown as { validationContext?: string }).validationContext ?? 'body';
      const schema = schemaOf(req, part);
      const { message, fields } = describeIssues(error.validation, schema, lang);
      return reply.status(400).send({ code: 'VALIDATION_FAILED', message, details: { in: part, fields } });
    }
    const fastifyError = error as FastifyError;
    const known = mapFastifyError(fastifyError);
    if (known) {
      const spec = errorSpec(known);
      return reply.status(spec.status).send({ code: known, message: lang === 'en' ? spec.en : spec.zh, details: {} });
    }
    if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      const spec = errorSpec('BAD_REQUEST');
      return reply.status(fastifyError.statusCode).send({ code: 'BAD_REQUEST', message: lang === 'en' ? spec.en : spec.zh, details: {} });
    }
    req.log.error({ err: error }, 'unhandled error');
    const spec = errorSpec('INTERNAL_ERROR');
    return reply.status(500).send({ code: 'INTERNAL_ERROR', message: lang === 'en' ? spec.en : spec.zh, details: {} });
  });

  app.setNotFoundHandler(async (req, reply) => {
    const spec = errorSpec('ROUTE_NOT_FOUND');
    return reply.status(404).send({ code: 'ROUTE_NOT_FOUND', message: req.lang === 'en' ? spec.en : spec.zh, details: { url: req.url } });
  });
}

function schemaOf(req: FastifyRequest, part: string): z.ZodType | undefined {
  const schema = req.routeOptions.schema as Record<string, unknown> | undefined;
  const key = part === 'querystring' ? 'querystring' : part;
  return (schema?.[key] ?? (key === 'querystring' ? schema?.query : undefined)) as z.ZodType | undefined;
}

function mapFastifyError(error: FastifyError): string | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'PAYLOAD_TOO_LARGE';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'BAD_REQUEST';
    default:
      if (error instanceof SyntaxError) return 'BAD_REQUEST';
      return null;
  }
}
