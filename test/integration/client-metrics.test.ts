// The client's Metrics API query against a stand-in telemetry host: one metric per query over a
// batch of clusters, grouped by cluster and principal, paged by posting the same body again with
// the page token as a query parameter.
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfluentClient } from '../../src/confluent/client.js';

interface Received {
  method: string;
  url: string;
  contentType: string | undefined;
  body: any;
}

async function bodyOf(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text;
}

describe('the client on the Metrics API', () => {
  const received: Received[] = [];
  const server = createServer(async (request, response) => {
    const body = JSON.parse(await bodyOf(request));
    received.push({ method: request.method ?? '', url: request.url ?? '', contentType: request.headers['content-type'], body });
    const secondPage = new URL(request.url ?? '/', 'http://host').searchParams.get('page_token') === 'page-2';
    const rows = secondPage
      ? [{ timestamp: '2026-06-10T00:00:00Z', value: 7, 'resource.kafka.id': 'lkc-2', 'metric.principal_id': 'pool-a' }]
      : [
          {
            timestamp: '2026-06-11T00:00:00Z',
            value: 100,
            'resource.kafka.id': 'lkc-1',
            'metric.principal_id': 'sa-1',
            principal_name: 'one',
          },
          { timestamp: '2026-06-11T00:00:00Z', value: 3, 'resource.kafka.id': 'lkc-1' },
        ];
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(
      JSON.stringify({ data: rows, meta: { pagination: { page_size: 1000, ...(secondPage ? {} : { next_page_token: 'page-2' }) } } }),
    );
  });
  let client: ConfluentClient;

  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    client = new ConfluentClient({ apiUrl: 'http://127.0.0.1:9', telemetryUrl: url, apiKey: 'KEY', apiSecret: 'secret' });
  });
  afterAll(async () => {
    await client.close();
    server.close();
  });

  it('posts one query per metric over the batch, follows the page token with the same body, and keeps rows with a principal', async () => {
    const points = await client.queryKafkaTraffic({
      metric: 'io.confluent.kafka.server/request_bytes',
      clusterIds: ['lkc-1', 'lkc-2'],
      start: '2026-06-08T00:00:00Z',
      end: '2026-06-15T00:00:00Z',
    });
    expect(points).toEqual([
      { day: '2026-06-11', clusterId: 'lkc-1', principalId: 'sa-1', bytes: 100 },
      { day: '2026-06-10', clusterId: 'lkc-2', principalId: 'pool-a', bytes: 7 },
    ]);
    expect(received.map((request) => [request.method, request.url])).toEqual([
      ['POST', '/v2/metrics/cloud/query'],
      ['POST', '/v2/metrics/cloud/query?page_token=page-2'],
    ]);
    expect(received[0]!.contentType).toBe('application/json');
    expect(received[1]!.body).toEqual(received[0]!.body);
    expect(received[0]!.body).toEqual({
      aggregations: [{ metric: 'io.confluent.kafka.server/request_bytes', agg: 'SUM' }],
      filter: {
        op: 'OR',
        filters: [
          { field: 'resource.kafka.id', op: 'EQ', value: 'lkc-1' },
          { field: 'resource.kafka.id', op: 'EQ', value: 'lkc-2' },
        ],
      },
      group_by: ['resource.kafka.id', 'metric.principal_id'],
      granularity: 'P1D',
      intervals: ['2026-06-08T00:00:00Z/2026-06-15T00:00:00Z'],
      limit: 1000,
      format: 'FLAT',
    });
  });
});
