// EC2 volumes, instances and tags through the AWS SDK for JavaScript v3 against the real server:
// CreateVolume + waitUntilVolumeAvailable, paginateDescribeVolumes with filters, RunInstances +
// waitUntilInstanceRunning, Attach/Detach with waitUntilVolumeInUse, ModifyVolume and
// DescribeVolumesModifications, tags, DeleteVolume + waitUntilVolumeDeleted, Stop/Start/Terminate, and
// the error codes as the SDK surfaces them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  EC2Client, CreateVolumeCommand, DescribeVolumesCommand, DeleteVolumeCommand,
  AttachVolumeCommand, DetachVolumeCommand, ModifyVolumeCommand,
  DescribeVolumesModificationsCommand, RunInstancesCommand, DescribeInstancesCommand,
  StopInstancesCommand, StartInstancesCommand, RebootInstancesCommand, TerminateInstancesCommand,
  CreateTagsCommand, DeleteTagsCommand, DescribeTagsCommand, DescribeAvailabilityZonesCommand,
  waitUntilVolumeAvailable, waitUntilVolumeInUse, waitUntilVolumeDeleted,
  waitUntilInstanceRunning, waitUntilInstanceStopped, waitUntilInstanceTerminated,
  paginateDescribeVolumes, paginateDescribeTags,
} from '@aws-sdk/client-ec2';
import { startEmulator, waitFor } from '../../../clients/ebs-emulator.mjs';

const ACCOUNT = '666666666666';
const FAST = { minDelay: 0.1, maxDelay: 0.2, maxWaitTime: 20 };
let emu;
let ec2;

before(async () => {
  emu = await startEmulator(['--volume-ms', '50', '--attach-ms', '50', '--instance-ms', '50',
    '--modify-ms', '50']);
  ec2 = new EC2Client(emu.clientConfig('us-east-1', ACCOUNT));
});
after(async () => { await emu?.close(); });

async function rejects(promise, code, message) {
  await assert.rejects(promise, (err) => {
    assert.equal(err.name, code);
    if (message) assert.equal(err.message, message);
    return true;
  });
}

async function availableVolume(zone = 'us-east-1a', size = 8) {
  const { VolumeId } = await ec2.send(new CreateVolumeCommand({ AvailabilityZone: zone, Size: size }));
  await waitUntilVolumeAvailable({ client: ec2, ...FAST }, { VolumeIds: [VolumeId] });
  return VolumeId;
}

async function runningInstance(zone = 'us-east-1a') {
  const r = await ec2.send(new RunInstancesCommand({
    ImageId: 'ami-12345678', MinCount: 1, MaxCount: 1, Placement: { AvailabilityZone: zone },
  }));
  const id = r.Instances[0].InstanceId;
  await waitUntilInstanceRunning({ client: ec2, ...FAST }, { InstanceIds: [id] });
  return id;
}

test('three zones per region with real names', async () => {
  const client = new EC2Client(emu.clientConfig('eu-central-1', ACCOUNT));
  const { AvailabilityZones } = await client.send(new DescribeAvailabilityZonesCommand({}));
  assert.deepEqual(AvailabilityZones.map((z) => z.ZoneName),
    ['eu-central-1a', 'eu-central-1b', 'eu-central-1c']);
});

test('volume lifecycle with waiters, attachment, modification and events', async () => {
  const instance = await runningInstance();
  const created = await ec2.send(new CreateVolumeCommand({
    AvailabilityZone: 'us-east-1a', Size: 10, VolumeType: 'gp2',
    TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'app', Value: 'js' }] }],
  }));
  assert.equal(created.State, 'creating');
  assert.ok(created.CreateTime instanceof Date);
  const id = created.VolumeId;
  await waitUntilVolumeAvailable({ client: ec2, ...FAST }, { VolumeIds: [id] });

  const attach = await ec2.send(new AttachVolumeCommand({ VolumeId: id, InstanceId: instance, Device: '/dev/sdf' }));
  assert.equal(attach.State, 'attaching');
  await waitUntilVolumeInUse({ client: ec2, ...FAST }, { VolumeIds: [id] });
  await waitFor(async () => {
    const { Volumes } = await ec2.send(new DescribeVolumesCommand({ VolumeIds: [id] }));
    return Volumes[0].Attachments[0]?.State === 'attached';
  });
  await rejects(ec2.send(new DeleteVolumeCommand({ VolumeId: id })), 'VolumeInUse',
    `Volume ${id} is currently attached to ${instance}`);
  const detach = await ec2.send(new DetachVolumeCommand({ VolumeId: id, InstanceId: instance }));
  assert.equal(detach.State, 'detaching');
  await waitUntilVolumeAvailable({ client: ec2, ...FAST }, { VolumeIds: [id] });

  const { VolumeModification } = await ec2.send(new ModifyVolumeCommand({ VolumeId: id, Size: 12, VolumeType: 'gp3' }));
  assert.equal(VolumeModification.ModificationState, 'modifying');
  await waitFor(async () => {
    const { VolumesModifications } = await ec2.send(new DescribeVolumesModificationsCommand({ VolumeIds: [id] }));
    return VolumesModifications[0].ModificationState === 'completed';
  });

  await ec2.send(new DeleteVolumeCommand({ VolumeId: id }));
  await waitUntilVolumeDeleted({ client: ec2, ...FAST }, { VolumeIds: [id] });
  await rejects(ec2.send(new DescribeVolumesCommand({ VolumeIds: [id] })), 'InvalidVolume.NotFound',
    `The volume '${id}' does not exist.`);

  const arn = `arn:aws:ec2:us-east-1:${ACCOUNT}:volume/${id}`;
  const events = (await emu.events()).filter((e) => e.resources[0] === arn);
  assert.deepEqual(events.map((e) => `${e.detail.event}:${e.detail.result}`),
    ['createVolume:available', 'modifyVolume:optimizing', 'modifyVolume:completed', 'deleteVolume:deleted']);
  for (const e of events) assert.deepEqual(Object.keys(e.detail), ['result', 'cause', 'event', 'request-id']);
});

test('paginated and filtered DescribeVolumes', async () => {
  const client = new EC2Client(emu.clientConfig('us-east-2', ACCOUNT));
  const ids = [];
  for (let n = 0; n < 11; n += 1) {
    const { VolumeId } = await client.send(new CreateVolumeCommand({
      AvailabilityZone: n % 2 ? 'us-east-2b' : 'us-east-2a', Size: 1,
      TagSpecifications: [{ ResourceType: 'volume', Tags: [{ Key: 'n', Value: String(n) }] }],
    }));
    ids.push(VolumeId);
  }
  const seen = [];
  for await (const page of paginateDescribeVolumes({ client, pageSize: 5 }, {})) {
    seen.push(...page.Volumes.map((v) => v.VolumeId));
  }
  assert.deepEqual([...seen].sort(), [...ids].sort());
  const { Volumes } = await client.send(new DescribeVolumesCommand({
    Filters: [{ Name: 'availability-zone', Values: ['us-east-2b'] }, { Name: 'tag:n', Values: ['1', '3', '4'] }],
  }));
  assert.deepEqual(Volumes.map((v) => v.VolumeId).sort(), [ids[1], ids[3]].sort());
});

test('instances: stop, start, reboot, terminate', async () => {
  const id = await runningInstance('us-east-1b');
  const stop = await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
  assert.deepEqual(stop.StoppingInstances[0].CurrentState, { Code: 64, Name: 'stopping' });
  await waitUntilInstanceStopped({ client: ec2, ...FAST }, { InstanceIds: [id] });
  await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
  await waitUntilInstanceRunning({ client: ec2, ...FAST }, { InstanceIds: [id] });
  await ec2.send(new RebootInstancesCommand({ InstanceIds: [id] }));
  const { Reservations } = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  const root = Reservations[0].Instances[0].BlockDeviceMappings[0];
  assert.equal(root.DeviceName, '/dev/xvda');
  await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
  await waitUntilInstanceTerminated({ client: ec2, ...FAST }, { InstanceIds: [id] });
  await waitUntilVolumeDeleted({ client: ec2, ...FAST }, { VolumeIds: [root.Ebs.VolumeId] });
});

test('tags', async () => {
  const id = await availableVolume('us-east-1c');
  await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }] }));
  const pages = [];
  for await (const page of paginateDescribeTags({ client: ec2, pageSize: 5 }, {
    Filters: [{ Name: 'resource-id', Values: [id] }],
  })) pages.push(...page.Tags);
  assert.deepEqual(pages.map((t) => [t.Key, t.Value, t.ResourceType]), [['a', '1', 'volume'], ['b', '2', 'volume']]);
  await ec2.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: 'a' }] }));
  const { Tags } = await ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [id] }] }));
  assert.deepEqual(Tags.map((t) => t.Key), ['b']);
});

test('errors by code', async () => {
  const instance = await runningInstance();
  const other = await availableVolume('us-east-1b');
  await rejects(ec2.send(new AttachVolumeCommand({ VolumeId: other, InstanceId: instance, Device: '/dev/sdk' })),
    'InvalidVolume.ZoneMismatch');
  await rejects(ec2.send(new DetachVolumeCommand({ VolumeId: other })), 'IncorrectState',
    `Volume '${other}' is in the 'available' state.`);
  await rejects(ec2.send(new CreateVolumeCommand({ Size: 1 })), 'MissingParameter');
  await rejects(ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 1, VolumeType: 'zz' })),
    'InvalidParameterValue');
  await rejects(ec2.send(new CreateVolumeCommand({ AvailabilityZone: 'us-east-1a', Size: 1, DryRun: true })),
    'DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
  await rejects(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0000000000000000b'] })),
    'InvalidInstanceID.NotFound');
});
