import type { RequestHandler, Response } from 'express';
import type { EncodedAnswer } from '../context.js';

/**
 * Sends an answer that is already encoded as its bytes, instead of encoding its text again (a few
 * milliseconds for a multi-megabyte answer). The context function puts the request's slot in
 * `res.locals`; the bytes replace a body only when that body is the very text they encode, so an
 * error answered instead (a refused Accept header, say) is sent as it is.
 */
export function sendEncodedAnswers(): RequestHandler {
  return (_request, response, next) => {
    const send = response.send.bind(response);
    response.send = (body?: unknown): Response => {
      const encoded = encodedAnswerOf(response);
      return send(encoded?.bytes && typeof body === 'string' && body === encoded.text ? encoded.bytes : body);
    };
    next();
  };
}

export function attachEncodedAnswer(response: Response, slot: EncodedAnswer): void {
  response.locals.encodedAnswer = slot;
}

function encodedAnswerOf(response: Response): EncodedAnswer | undefined {
  return response.locals.encodedAnswer as EncodedAnswer | undefined;
}
