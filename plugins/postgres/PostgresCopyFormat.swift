/// How a table's rows are copied into its staging table: binary, each column in the wire type of
/// the staging column, or text when some column has a type ``BinaryCopyEncoder`` does not write.
enum PostgresCopyFormat {
    case binary([PostgresBinaryType])
    case text
}
