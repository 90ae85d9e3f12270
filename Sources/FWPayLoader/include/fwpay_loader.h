/* FWPayLoader: C code that runs when libfwpay is loaded (environment.c); it declares nothing. */
#ifndef FWPAY_LOADER_H
#define FWPAY_LOADER_H
#endif
