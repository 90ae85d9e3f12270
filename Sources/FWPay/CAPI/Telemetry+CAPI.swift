import CFWPay

/// The caller's event callback and its userdata. The caller promised (fwpay.h) that the
/// callback may be called from any thread using the client.
struct EventTarget: @unchecked Sendable {
    let callback: fwp_event_callback
    let userdata: UnsafeMutableRawPointer?
    /// FWP_EVENTS_ bits; 0 for all.
    let types: CInt

    init(callback: fwp_event_callback, userdata: UnsafeMutableRawPointer?, types: CInt) throws(FWPayError) {
        let known = CInt(FWP_EVENTS_CALL_START.rawValue | FWP_EVENTS_ATTEMPT_END.rawValue | FWP_EVENTS_CALL_END.rawValue)
        guard types & ~known == 0 else {
            throw FWPayError(.invalidArgument, "event_types is \(types): an OR of FWP_EVENTS_CALL_START, FWP_EVENTS_ATTEMPT_END and FWP_EVENTS_CALL_END, or 0 for all")
        }
        self.callback = callback
        self.userdata = userdata
        self.types = types
    }

    /// Telemetry that hands each event of the types asked for to the callback as an fwp_event.
    var telemetry: Telemetry {
        let target = self
        var kinds: Set<CallEvent.Kind> = []
        if types == 0 || types & CInt(FWP_EVENTS_CALL_START.rawValue) != 0 { kinds.insert(.callStart) }
        if types == 0 || types & CInt(FWP_EVENTS_ATTEMPT_END.rawValue) != 0 { kinds.insert(.attemptEnd) }
        if types == 0 || types & CInt(FWP_EVENTS_CALL_END.rawValue) != 0 { kinds.insert(.callEnd) }
        return Telemetry(kinds: kinds) { event in target.deliver(event) }
    }

    private func deliver(_ event: CallEvent) {
        let type = switch event.kind {
        case .callStart: FWP_EVENT_CALL_START
        case .attemptEnd: FWP_EVENT_ATTEMPT_END
        case .callEnd: FWP_EVENT_CALL_END
        }
        let errorType = event.error.map {
            FWPayError.kindName(code: $0.kind.code, httpStatus: Int32(clamping: $0.httpStatus ?? 0), errors: .array($0.errors))
        }
        withOptionalCString(event.urlTemplate) { template in
            withOptionalCString(errorType) { errorType in
                withOptionalCString(event.requestID) { requestID in
                    event.method.rawValue.withCString { method in
                        event.serverAddress.withCString { server in
                            var given = fwp_event(
                                version: FWP_EVENT_VERSION, type: CInt(type.rawValue), call_id: event.callID,
                                time_unix_nano: event.timeUnixNanoseconds, method: method, url_template: template,
                                server_address: server, server_port: CInt(clamping: event.serverPort),
                                attempt: CInt(clamping: event.attempt), http_status: CInt(clamping: event.httpStatus),
                                error: event.error?.kind.code ?? FWP_OK.rawValue, error_type: errorType, request_id: requestID,
                                duration_ms: event.durationMilliseconds,
                                dns_ms: event.timings?.dns ?? -1, connect_ms: event.timings?.connect ?? -1,
                                tls_ms: event.timings?.tls ?? -1, first_byte_ms: event.timings?.firstByte ?? -1,
                                new_connection: event.newConnection ? 1 : 0, tag: event.tag)
                            callback(&given, userdata)
                        }
                    }
                }
            }
        }
    }
}

/// `body` with `text` as a C string, or with NULL when there is none.
private func withOptionalCString<Result>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> Result) -> Result {
    guard let text else { return body(nil) }
    return text.withCString { body($0) }
}
