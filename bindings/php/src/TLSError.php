<?php

declare(strict_types=1);

namespace Fwpay;

/**
 * TLS failed: the server's certificate is not trusted (a proxy or a private CA signed it: give
 * its CA file as caBundle, or set FWPAY_CA_BUNDLE or SSL_CERT_FILE), names another host, or the
 * handshake failed. Nothing was sent; never retried.
 */
class TLSError extends ConnectionError
{
}
