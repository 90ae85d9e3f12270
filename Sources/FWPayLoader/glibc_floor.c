/* The oldest glibc libfwpay loads on. The Swift runtime linked into the library calls hypotf,
 * whose current symbol version (like hypot's) is glibc 2.35's: that one reference made the
 * wheel manylinux_2_35, refused by pip on RHEL, Rocky and Alma 9 and Amazon Linux 2023 (glibc
 * 2.34), though nothing else needs more than 2.34. This definition (local to the library:
 * the version script exports fwp_* alone) answers the runtime's calls with sqrt, whose symbol
 * is as old as glibc: a float's square, in double, neither overflows nor loses a bit. */
#include <math.h>

float hypotf(float x, float y) {
    if (isinf(x) || isinf(y)) return INFINITY;  /* even beside a NaN, as C's hypot says */
    double dx = x, dy = y;
    return (float)sqrt(dx * dx + dy * dy);
}
