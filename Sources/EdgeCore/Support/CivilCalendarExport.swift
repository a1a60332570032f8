/// `CivilDate` is the runtime's `date` type: code that imports EdgeCore sees it too.
@_exported import CivilCalendar
