#ifndef FWPAY_CJANSSON_SHIM_H
#define FWPAY_CJANSSON_SHIM_H
#include <jansson.h>
#endif
