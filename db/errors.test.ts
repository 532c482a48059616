import { describe, expect, it } from 'vitest';
import { isCancelledQuery, isConstraintViolation, isDatabaseUnavailable } from './errors.ts';

// Drizzle's wrapper around the driver's error, as routes receive it.
const wrapped = (code: string) => Object.assign(new Error('Failed query'), { cause: Object.assign(new Error('driver'), { code }) });

describe('database error classification', () => {
  it('sees a refused connection through the wrapper Drizzle puts around it', () => {
    expect(isDatabaseUnavailable(wrapped('ECONNREFUSED'))).toBe(true);
  });

  it('sees an unreachable host among the errors of every address tried', () => {
    const perAddress = new AggregateError([Object.assign(new Error('v6'), { code: 'ENETUNREACH' })], 'connect');
    expect(isDatabaseUnavailable(perAddress)).toBe(true);
  });

  it('takes a server shutting down (57P01) and any connection exception (class 08) as unavailable', () => {
    expect(isDatabaseUnavailable(wrapped('57P01'))).toBe(true);
    expect(isDatabaseUnavailable(wrapped('08006'))).toBe(true);
  });

  it('keeps a refused query apart from an unreachable database', () => {
    expect(isDatabaseUnavailable(wrapped('23505'))).toBe(false);
    expect(isConstraintViolation(wrapped('23505'))).toBe(true);
    expect(isConstraintViolation(wrapped('23503'))).toBe(true);
    expect(isCancelledQuery(wrapped('57014'))).toBe(true);
    expect(isCancelledQuery(wrapped('23505'))).toBe(false);
  });

  it('classifies nothing it cannot read', () => {
    for (const thrown of [null, undefined, 'ECONNREFUSED', new Error('plain')]) {
      expect(isDatabaseUnavailable(thrown) || isConstraintViolation(thrown) || isCancelledQuery(thrown)).toBe(false);
    }
  });
});
