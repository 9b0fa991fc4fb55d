// Placeholder so the kms library has a source until its service lands.
namespace ebs {}
