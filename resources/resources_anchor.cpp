// The resource library needs one source file of its own; the resources themselves are
// compiled in by qt_add_resources and registered automatically at start-up.
namespace sportello {
int resourcesAnchor = 0;
}
