import CFWPay

/// The library version, from the public ABI header so that the two cannot differ.
public enum Version {
    public static let string: String = FWP_VERSION_STRING
    public static let major = Int(FWP_VERSION_MAJOR)
}
