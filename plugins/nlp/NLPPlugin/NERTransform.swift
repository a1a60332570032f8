import EdgeCore
import RetailWarehouse
import TextAnalysis

/// Finds the catalogue's products, stores and organisations in each text and emits one
/// `tweet_entity` row per mention: code-point offsets, type (`PRODUCT`, `STORE`, `ORG`) and
/// the linked catalogue id.
struct NERTransform: TransformStage {
    let recognizer: EntityRecognizer
    let idColumn: Int
    let textColumn: Int
    let budget: TextBudget

    mutating func process(_ batch: RecordBatch, input: Int, context: StageContext) async throws -> [RecordBatch] {
        guard case .string(let ids) = batch.columns[idColumn].values, case .string(let texts) = batch.columns[textColumn].values else { return [] }
        var builders = RecordKind.tweetEntity.fields.map { ColumnBuilder(type: $0.type) }
        for row in budget.rowsWithinBudget(batch, text: textColumn, id: idColumn, context: context)
        where !batch.columns[idColumn].isNull(row) && !batch.columns[textColumn].isNull(row) {
            let id = ids[row]
            for entity in recognizer.entities(in: texts[row]) {
                builders[0].append(string: id)
                builders[1].append(int: Int64(entity.start))
                builders[2].append(int: Int64(entity.end))
                builders[3].append(string: entity.type.rawValue)
                builders[4].append(string: entity.id)
                builders[5].append(string: String(entity.text.prefix(200)))
            }
        }
        let out = RecordBatch(schema: RecordKind.tweetEntity, columns: builders.indices.map { builders[$0].finish() }, provenance: batch.provenance)
        return out.count > 0 ? [out] : []
    }
}
