// EventBridge through the AWS SDK for JavaScript v3: buses, rules, targets, tags, PutEvents, connections
// and API destinations, TestEventPattern, and delivery of a matched event to an HTTP endpoint run by the
// test (input transformer, retry after 500, dead-lettering).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import {
  EventBridgeClient, CreateEventBusCommand, DescribeEventBusCommand, ListEventBusesCommand,
  DeleteEventBusCommand, PutRuleCommand, DescribeRuleCommand, ListRulesCommand, DeleteRuleCommand,
  EnableRuleCommand, DisableRuleCommand, PutTargetsCommand, RemoveTargetsCommand,
  ListTargetsByRuleCommand, ListRuleNamesByTargetCommand, PutEventsCommand, TestEventPatternCommand,
  TagResourceCommand, UntagResourceCommand, ListTagsForResourceCommand, CreateConnectionCommand,
  DescribeConnectionCommand, ListConnectionsCommand, DeleteConnectionCommand,
  CreateApiDestinationCommand, DescribeApiDestinationCommand, ListApiDestinationsCommand,
  UpdateApiDestinationCommand, DeleteApiDestinationCommand, ResourceNotFoundException,
} from '@aws-sdk/client-eventbridge';
import { startEmulator, waitFor } from '../../../clients/ebs-emulator.mjs';

const ACCOUNT = '111111111111';
let emu;
let eb;
let server;
let baseUrl;
const received = [];
const statuses = [];

before(async () => {
  emu = await startEmulator(['--retry-scale', '0.001']);
  eb = new EventBridgeClient(emu.clientConfig('us-east-1', ACCOUNT));
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      received.push({ path: req.url, headers: req.headers, body });
      res.statusCode = statuses.length ? statuses.shift() : 200;
      res.end('{}');
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
});

after(async () => {
  await emu.close();
  await new Promise((r) => server.close(r));
});

async function expectError(promise, name, message) {
  await assert.rejects(promise, (err) => {
    assert.equal(err.name, name);
    if (message !== undefined) assert.equal(err.message, message);
    assert.equal(err.$metadata.httpStatusCode, 400);
    return true;
  });
}

async function destination(name, path) {
  const conn = await eb.send(new CreateConnectionCommand({
    Name: `${name}-conn`, AuthorizationType: 'API_KEY',
    AuthParameters: { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key', ApiKeyValue: 'k' } },
  }));
  const dest = await eb.send(new CreateApiDestinationCommand({
    Name: name, ConnectionArn: conn.ConnectionArn, InvocationEndpoint: `${baseUrl}${path}`,
    HttpMethod: 'POST',
  }));
  return dest.ApiDestinationArn;
}

test('buses and tags', async () => {
  const { EventBusArn } = await eb.send(new CreateEventBusCommand({ Name: 'js-bus' }));
  assert.equal(EventBusArn, `arn:aws:events:us-east-1:${ACCOUNT}:event-bus/js-bus`);
  assert.equal((await eb.send(new DescribeEventBusCommand({ Name: 'js-bus' }))).Arn, EventBusArn);
  const names = (await eb.send(new ListEventBusesCommand({}))).EventBuses.map((b) => b.Name);
  assert.deepEqual(names, ['default', 'js-bus']);
  await eb.send(new TagResourceCommand({ ResourceARN: EventBusArn, Tags: [{ Key: 'a', Value: '1' }] }));
  assert.deepEqual((await eb.send(new ListTagsForResourceCommand({ ResourceARN: EventBusArn }))).Tags,
    [{ Key: 'a', Value: '1' }]);
  await eb.send(new UntagResourceCommand({ ResourceARN: EventBusArn, TagKeys: ['a'] }));
  assert.deepEqual((await eb.send(new ListTagsForResourceCommand({ ResourceARN: EventBusArn }))).Tags, []);
  await eb.send(new DeleteEventBusCommand({ Name: 'js-bus' }));
  await assert.rejects(eb.send(new DescribeEventBusCommand({ Name: 'js-bus' })),
    (e) => e instanceof ResourceNotFoundException && e.message === 'Event bus js-bus does not exist.');
  await expectError(eb.send(new DeleteEventBusCommand({ Name: 'default' })), 'ValidationException',
    'Cannot delete event bus default.');
});

test('rules and targets', async () => {
  const pattern = JSON.stringify({ source: ['js.app'] });
  const { RuleArn } = await eb.send(new PutRuleCommand({ Name: 'js-rule', EventPattern: pattern }));
  assert.equal(RuleArn, `arn:aws:events:us-east-1:${ACCOUNT}:rule/js-rule`);
  const rule = await eb.send(new DescribeRuleCommand({ Name: 'js-rule' }));
  assert.equal(rule.State, 'ENABLED');
  assert.equal(rule.EventPattern, pattern);
  await eb.send(new DisableRuleCommand({ Name: 'js-rule' }));
  assert.equal((await eb.send(new DescribeRuleCommand({ Name: 'js-rule' }))).State, 'DISABLED');
  await eb.send(new EnableRuleCommand({ Name: 'js-rule' }));
  const listed = await eb.send(new ListRulesCommand({ NamePrefix: 'js-' }));
  assert.deepEqual(listed.Rules.map((r) => r.Name), ['js-rule']);
  const queue = `arn:aws:sqs:us-east-1:${ACCOUNT}:q`;
  const put = await eb.send(new PutTargetsCommand({ Rule: 'js-rule', Targets: [{ Id: 't1', Arn: queue }] }));
  assert.equal(put.FailedEntryCount, 0);
  assert.deepEqual((await eb.send(new ListTargetsByRuleCommand({ Rule: 'js-rule' }))).Targets,
    [{ Id: 't1', Arn: queue }]);
  assert.deepEqual((await eb.send(new ListRuleNamesByTargetCommand({ TargetArn: queue }))).RuleNames,
    ['js-rule']);
  await expectError(eb.send(new DeleteRuleCommand({ Name: 'js-rule' })), 'ValidationException',
    "Rule can't be deleted since it has targets.");
  await expectError(eb.send(new PutTargetsCommand({
    Rule: 'js-rule', Targets: [1, 2, 3, 4, 5, 6].map((i) => ({ Id: `x${i}`, Arn: queue })),
  })), 'LimitExceededException', 'The requested resource exceeds the maximum number allowed.');
  await eb.send(new RemoveTargetsCommand({ Rule: 'js-rule', Ids: ['t1'] }));
  await eb.send(new DeleteRuleCommand({ Name: 'js-rule' }));
  await expectError(eb.send(new DescribeRuleCommand({ Name: 'js-rule' })), 'ResourceNotFoundException',
    'Rule js-rule does not exist on EventBus default.');
  await expectError(eb.send(new PutRuleCommand({ Name: 'x' })), 'ValidationException',
    'Parameter(s) EventPattern or ScheduleExpression must be specified.');
  await expectError(eb.send(new PutRuleCommand({ Name: 'x', EventPattern: '{"source":"a"}' })),
    'InvalidEventPatternException');
});

test('PutEvents entries and TestEventPattern', async () => {
  const out = await eb.send(new PutEventsCommand({ Entries: [
    { Source: 'js.app', DetailType: 't', Detail: '{"a":1}' },
    { Source: 'aws.s3', DetailType: 't', Detail: '{}' },
    { Source: 'js.app', DetailType: 't', Detail: '[]' },
  ] }));
  assert.equal(out.FailedEntryCount, 2);
  assert.match(out.Entries[0].EventId, /^[0-9a-f-]{36}$/);
  assert.equal(out.Entries[1].ErrorCode, 'NotAuthorizedForSourceException');
  assert.deepEqual(out.Entries[2], { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
  const event = JSON.stringify({ id: '1', account: ACCOUNT, source: 'js.app', time: '2024-01-01T00:00:00Z',
    region: 'us-east-1', resources: [], 'detail-type': 't', detail: { a: 1 } });
  assert.equal((await eb.send(new TestEventPatternCommand({ EventPattern: '{"detail":{"a":[1]}}', Event: event }))).Result, true);
  assert.equal((await eb.send(new TestEventPatternCommand({ EventPattern: '{"detail":{"a":[2]}}', Event: event }))).Result, false);
});

test('connections and API destinations', async () => {
  const arn = await destination('js-d', '/unused');
  const d = await eb.send(new DescribeApiDestinationCommand({ Name: 'js-d' }));
  assert.equal(d.ApiDestinationArn, arn);
  assert.equal(d.HttpMethod, 'POST');
  await eb.send(new UpdateApiDestinationCommand({ Name: 'js-d', HttpMethod: 'PUT' }));
  assert.equal((await eb.send(new DescribeApiDestinationCommand({ Name: 'js-d' }))).HttpMethod, 'PUT');
  assert.deepEqual((await eb.send(new ListApiDestinationsCommand({}))).ApiDestinations.map((x) => x.Name), ['js-d']);
  const conn = await eb.send(new DescribeConnectionCommand({ Name: 'js-d-conn' }));
  assert.deepEqual(conn.AuthParameters, { ApiKeyAuthParameters: { ApiKeyName: 'x-api-key' } });
  assert.equal((await eb.send(new ListConnectionsCommand({}))).Connections.length, 1);
  await eb.send(new DeleteApiDestinationCommand({ Name: 'js-d' }));
  await eb.send(new DeleteConnectionCommand({ Name: 'js-d-conn' }));
  await expectError(eb.send(new DescribeConnectionCommand({ Name: 'js-d-conn' })), 'ResourceNotFoundException');
});

test('a matched event reaches the HTTP endpoint, transformed, after retries', async () => {
  const arn = await destination('js-http', '/js-http');
  const dead = await destination('js-dead', '/js-dead');
  await eb.send(new PutRuleCommand({ Name: 'js-deliver', EventPattern: JSON.stringify({ source: ['js.deliver'] }) }));
  await eb.send(new PutTargetsCommand({ Rule: 'js-deliver', Targets: [
    { Id: 'http', Arn: arn, InputTransformer: {
      InputPathsMap: { who: '$.detail.who' }, InputTemplate: '{"greeting": "hello <who>", "who": <who>}' } },
    { Id: 'dead', Arn: dead, RetryPolicy: { MaximumRetryAttempts: 0 },
      DeadLetterConfig: { Arn: `arn:aws:sqs:us-east-1:${ACCOUNT}:dlq` } },
  ] }));
  statuses.push(500);  // the first request (to either target) fails
  const out = await eb.send(new PutEventsCommand({ Entries: [
    { Source: 'js.deliver', DetailType: 't', Detail: JSON.stringify({ who: 'world' }) }] }));
  const eventId = out.Entries[0].EventId;
  const done = await waitFor(async () => {
    const ds = await emu.deliveries({ 'event-id': eventId });
    const byId = Object.fromEntries(ds.map((d) => [d.targetId, d]));
    const settled = ['succeeded', 'dead-lettered'];
    return ds.length === 2 && settled.includes(byId.http.status) && settled.includes(byId.dead.status) && byId;
  }, 15000);
  const bodies = received.filter((r) => r.path === '/js-http').map((r) => r.body);
  assert.ok(bodies.length >= 1);
  assert.deepEqual(new Set(bodies), new Set(['{"greeting": "hello world", "who": "world"}']));
  assert.equal(received.find((r) => r.path === '/js-http').headers['x-api-key'], 'k');
  // Exactly one of the two first requests got the 500: the http target retried, the other (no
  // retries) was dead-lettered; or the 500 hit the http target first and it still succeeded.
  assert.equal(done.http.status, 'succeeded');
  const deadStatus = done.dead.status;
  if (done.http.attemptCount === 2) {
    assert.deepEqual(done.http.attempts.map((a) => a.statusCode), [500, 200]);
    assert.equal(deadStatus, 'succeeded');
  } else {
    assert.equal(deadStatus, 'dead-lettered');
    assert.equal(done.dead.deadLetter.attributes.EXHAUSTED_RETRY_CONDITION, 'MaximumRetryAttempts');
  }
});
