// Snapshots through the AWS SDK for JavaScript v3: create + waitUntilSnapshotCompleted, moving progress,
// paginateDescribeSnapshots, sharing with a second account (structured form), a cross-region copy sent
// through a client configured for the destination region, CreateVolume from a shared snapshot, and the
// error codes as the SDK surfaces them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  EC2Client, CreateVolumeCommand, CreateSnapshotCommand, DescribeSnapshotsCommand,
  DeleteSnapshotCommand, CopySnapshotCommand, ModifySnapshotAttributeCommand,
  DescribeSnapshotAttributeCommand, waitUntilVolumeAvailable, waitUntilSnapshotCompleted,
  paginateDescribeSnapshots,
} from '@aws-sdk/client-ec2';
import { startEmulator, waitFor } from '../../../clients/ebs-emulator.mjs';

const A = '111111111111';
const B = '222222222222';
const FAST = { minDelay: 0.1, maxDelay: 0.2, maxWaitTime: 20 };
let emu;

before(async () => { emu = await startEmulator(['--volume-ms', '50', '--snapshot-ms', '600']); });
after(async () => { await emu?.close(); });

const ec2 = (account = A, region = 'us-east-1') => new EC2Client(emu.clientConfig(region, account));

async function volume(client, size = 8) {
  const { VolumeId } = await client.send(new CreateVolumeCommand({
    AvailabilityZone: `${await client.config.region()}a`, Size: size,
  }));
  await waitUntilVolumeAvailable({ client, ...FAST }, { VolumeIds: [VolumeId] });
  return VolumeId;
}

async function rejects(promise, code) {
  await assert.rejects(promise, (err) => {
    assert.equal(err.name, code);
    assert.equal(err.$metadata.httpStatusCode, 400);
    return true;
  });
}

test('create, progress, waiter, pagination', async () => {
  const client = ec2();
  const vid = await volume(client, 12);
  const made = [];
  for (let i = 0; i < 7; i++) {
    const out = await client.send(new CreateSnapshotCommand({
      VolumeId: vid, Description: `js-${i}`,
      TagSpecifications: [{ ResourceType: 'snapshot', Tags: [{ Key: 'sdk', Value: 'js' }] }],
    }));
    assert.equal(out.State, 'pending');
    assert.equal(out.VolumeSize, 12);
    made.push(out.SnapshotId);
  }
  const progress = new Set();
  await waitFor(async () => {
    const { Snapshots } = await client.send(new DescribeSnapshotsCommand({ SnapshotIds: [made[6]] }));
    if (Snapshots[0].State === 'pending') progress.add(Snapshots[0].Progress);
    return [...progress].some((p) => p !== '0%' && p !== '100%') || Snapshots[0].State !== 'pending';
  });
  assert.ok([...progress].some((p) => /^[1-9]\d?%$/.test(p)), `progress seen: ${[...progress]}`);

  const result = await waitUntilSnapshotCompleted({ client, ...FAST }, { SnapshotIds: made });
  assert.equal(result.state, 'SUCCESS');

  const pages = [];
  for await (const page of paginateDescribeSnapshots({ client, pageSize: 5 },
    { Filters: [{ Name: 'tag:sdk', Values: ['js'] }] })) {
    pages.push(page.Snapshots.map((s) => s.SnapshotId));
  }
  assert.deepEqual(pages.map((p) => p.length), [5, 2]);
  assert.deepEqual(pages.flat().sort(), [...made].sort());

  await client.send(new DeleteSnapshotCommand({ SnapshotId: made[0] }));
  await rejects(client.send(new DescribeSnapshotsCommand({ SnapshotIds: [made[0]] })),
    'InvalidSnapshot.NotFound');
  await rejects(client.send(new CreateSnapshotCommand({ VolumeId: 'vol-0123456789abcdef0' })),
    'InvalidVolume.NotFound');
  await rejects(client.send(new DescribeSnapshotsCommand({ SnapshotIds: [made[1]], MaxResults: 5 })),
    'InvalidParameterCombination');
});

test('share with another account and restore there', async () => {
  const a = ec2(A);
  const b = ec2(B);
  const { SnapshotId } = await a.send(new CreateSnapshotCommand({ VolumeId: await volume(a, 9) }));
  await waitUntilSnapshotCompleted({ client: a, ...FAST }, { SnapshotIds: [SnapshotId] });
  assert.deepEqual((await b.send(new DescribeSnapshotsCommand({ OwnerIds: [A] }))).Snapshots, []);

  await a.send(new ModifySnapshotAttributeCommand({
    SnapshotId, Attribute: 'createVolumePermission',
    CreateVolumePermission: { Add: [{ UserId: B }] },
  }));
  const attr = await a.send(new DescribeSnapshotAttributeCommand({
    SnapshotId, Attribute: 'createVolumePermission',
  }));
  assert.deepEqual(attr.CreateVolumePermissions, [{ UserId: B }]);
  const seen = await b.send(new DescribeSnapshotsCommand({ RestorableByUserIds: ['self'] }));
  assert.deepEqual(seen.Snapshots.map((s) => [s.SnapshotId, s.OwnerId]), [[SnapshotId, A]]);
  const own = await b.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'] }));
  assert.deepEqual(own.Snapshots, []);

  const vol = await b.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1c', SnapshotId }));
  assert.equal(vol.Size, 9);
  await rejects(b.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1c', SnapshotId, Size: 2 })),
    'InvalidParameterValue');

  const events = await waitFor(async () => (await emu.events({ account: B }))
    .filter((e) => e.detail.event === 'shareSnapshot'));
  assert.equal(events[0].detail.source, A);
  assert.equal(events[0].detail.snapshot_id, `arn:aws:ec2::us-east-1:snapshot/${SnapshotId}`);
});

test('cross-region copy through a destination-region client', async () => {
  const src = ec2(A, 'us-east-1');
  const dst = ec2(A, 'eu-west-2');
  const { SnapshotId } = await src.send(new CreateSnapshotCommand({ VolumeId: await volume(src, 3) }));
  await waitUntilSnapshotCompleted({ client: src, ...FAST }, { SnapshotIds: [SnapshotId] });
  const copy = await dst.send(new CopySnapshotCommand({
    SourceRegion: 'us-east-1', SourceSnapshotId: SnapshotId, Description: 'js dr',
  }));
  assert.match(copy.SnapshotId, /^snap-[0-9a-f]{17}$/);
  await waitUntilSnapshotCompleted({ client: dst, ...FAST }, { SnapshotIds: [copy.SnapshotId] });
  const [snap] = (await dst.send(new DescribeSnapshotsCommand({ SnapshotIds: [copy.SnapshotId] }))).Snapshots;
  assert.equal(snap.Description, 'js dr');
  assert.equal(snap.VolumeSize, 3);
  const event = await waitFor(async () => (await emu.events({ account: A, region: 'eu-west-2' }))
    .find((e) => e.detail.event === 'copySnapshot'));
  assert.equal(event.detail.result, 'succeeded');
  assert.equal(event.detail.source, `arn:aws:ec2::us-east-1:snapshot/${SnapshotId}`);

  const bad = await dst.send(new CopySnapshotCommand({
    SourceRegion: 'us-west-1', SourceSnapshotId: 'snap-0123456789abcdef0',
  }));
  await assert.rejects(
    waitUntilSnapshotCompleted({ client: dst, ...FAST }, { SnapshotIds: [bad.SnapshotId] }));
  const [failed] = (await dst.send(new DescribeSnapshotsCommand({ SnapshotIds: [bad.SnapshotId] }))).Snapshots;
  assert.equal(failed.State, 'error');
  assert.equal(failed.StateMessage, 'Source snapshot ID is not valid');
});
