// Placeholder so the lambda library has a source until its service lands.
namespace ebs {}
