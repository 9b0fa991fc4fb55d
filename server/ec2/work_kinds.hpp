// The scheduler work kinds of the EC2 state machines (rows of the persistent work queue). Names are
// stored in the database: never rename one that has shipped.
#pragma once

namespace ebs::ec2::work {

inline constexpr const char* kVolumeCreate = "ec2.volume.create";  // creating -> available
inline constexpr const char* kVolumeDelete = "ec2.volume.delete";  // deleting -> deleted (gone)
inline constexpr const char* kVolumeAttach = "ec2.volume.attach";  // attaching -> attached
inline constexpr const char* kVolumeDetach = "ec2.volume.detach";  // detaching -> detached
inline constexpr const char* kVolumeModify =
    "ec2.volume.modify";  // modifying -> optimizing -> completed
inline constexpr const char* kFastSnapshotRestore =
    "ec2.fsr.advance";  // enabling -> optimizing -> enabled; disabling -> disabled
inline constexpr const char* kVolumeInitialize =
    "ec2.volume.initialize";  // initialization finished: initializeVolume event
inline constexpr const char* kCopyCompletionDuration =
    "ec2.snapshot.copy-duration";  // a time-based copy's duration ended: missed if still pending
inline constexpr const char* kInstanceState =
    "ec2.instance.state";  // pending/stopping/shutting-down -> next

}  // namespace ebs::ec2::work
