import type { RequestHandler, Response } from 'express';
import type { EncodedAnswer } from '../context.js';
import { answerEncodingFor, compressed, MIN_COMPRESSED_BYTES } from './answer-compression.js';
import { utf8Bytes } from './utf8-bytes.js';

/**
 * Sends GraphQL answers as bytes, compressed when the client accepts it and `compress` is on.
 *
 * An answer that is already encoded is sent as its bytes instead of being encoded again (a few
 * milliseconds for a multi-megabyte answer), and compressed once for all the requests it answers.
 * The context function puts the request's slot in `res.locals`; the bytes replace a body only
 * when that body is the very text they encode, so an error answered instead (a refused Accept
 * header, say) is sent as it is.
 */
export function sendAnswers(options: { compress: boolean }): RequestHandler {
  return (request, response, next) => {
    const send = response.send.bind(response);
    response.send = (body?: unknown): Response => {
      // Without a Content-Type, Express picks one from the body's type: a string stays a string.
      if (typeof body !== 'string' || !response.get('Content-Type')) return send(body);
      const encoded = encodedAnswerOf(response);
      const bytes = encoded?.bytes && body === encoded.text ? encoded.bytes : utf8Bytes(body);
      if (!options.compress || bytes.length < MIN_COMPRESSED_BYTES || request.method === 'HEAD') return send(bytes);
      // From here the bytes sent depend on Accept-Encoding, whichever encoding it picks.
      response.vary('Accept-Encoding');
      const encoding = answerEncodingFor(request.headers);
      if (!encoding) return send(bytes);
      compressed(bytes, encoding).then(
        (compressedBytes) => {
          response.setHeader('Content-Encoding', encoding);
          send(compressedBytes);
        },
        () => send(bytes),
      );
      return response;
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
