/// A JSON document as a Swift value: what the core validates and builds requests from.
///
/// Objects keep their keys in order, so a body the caller wrote is sent in the same order.
/// Integers and reals are distinct, because amounts in the Payments API are integers.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case real(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The value's type as JSON names it, for error messages ("expected an object, got an array").
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer: "an integer"
        case .real: "a real number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The member `key` when this is an object, else nil.
    public subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] } else { return nil }
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value } else { return nil }
    }

    public var integerValue: Int64? {
        if case .integer(let value) = self { return value } else { return nil }
    }

    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value } else { return nil }
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value } else { return nil }
    }
}

/// A JSON object: ordered members with lookup by key (the last of duplicate keys wins).
public struct JSONObject: Sendable, Equatable {
    public private(set) var members: [(key: String, value: JSONValue)]

    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    public var count: Int { members.count }
    public var keys: [String] { members.map(\.key) }

    public subscript(key: String) -> JSONValue? {
        get { members.last(where: { $0.key == key })?.value }
        set {
            if let index = members.lastIndex(where: { $0.key == key }) {
                if let newValue { members[index].value = newValue } else { members.remove(at: index) }
            } else if let newValue {
                members.append((key, newValue))
            }
        }
    }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
