import EdgeCore
import Testing

@Suite("Status API: who may read records")
struct RecordAccessTests {
    let token = "0123456789abcdef"

    @Test func loopbackWithoutATokenIsOpenAndAnyOtherAddressIsClosed() {
        #expect(RecordAccess(listen: ListenAddress("127.0.0.1:9464")!, token: nil).refusal(authorization: nil) == nil)
        #expect(RecordAccess(listen: ListenAddress("[::1]:9464")!, token: nil).refusal(authorization: nil) == nil)
        #expect(RecordAccess(listen: ListenAddress("localhost:9464")!, token: nil).refusal(authorization: nil) == nil)
        #expect(RecordAccess(listen: ListenAddress("0.0.0.0:9464")!, token: nil).refusal(authorization: nil)?.status == 403)
        #expect(RecordAccess(listen: ListenAddress("[::]:9464")!, token: nil).refusal(authorization: "Bearer x")?.status == 403)
        #expect(RecordAccess(listen: ListenAddress("10.0.0.5:9464")!, token: nil).refusal(authorization: nil)?.status == 403)
    }

    @Test func aTokenIsRequiredWhereverItIsSet() {
        for listen in ["127.0.0.1:9464", "0.0.0.0:9464"] {
            let access = RecordAccess(listen: ListenAddress(listen)!, token: token)
            #expect(access.refusal(authorization: "Bearer " + token) == nil)
            #expect(access.refusal(authorization: nil)?.status == 401)
            #expect(access.refusal(authorization: token)?.status == 401)
            #expect(access.refusal(authorization: "Bearer " + token + "x")?.status == 401)
            #expect(access.refusal(authorization: "Bearer 0123456789abcdeF")?.status == 401)
        }
    }
}
