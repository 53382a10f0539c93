/*
 * A stand-in for Windows' bcryptprimitives.dll, for running Påminn.exe and its test
 * binaries under Wine (the Windows checks in `make test`, .ci/wine-check). Not shipped.
 *
 * Go's runtime (since Go 1.22) loads bcryptprimitives.dll from system32 at start and
 * takes its random bytes from ProcessPrng; a program stops with "bcryptprimitives.dll
 * not found" where the DLL is missing, as in Debian 12's Wine 8.0 (Wine has it from
 * 9.x). This one exports only ProcessPrng, with the signature Microsoft documents
 * (learn.microsoft.com, "ProcessPrng function"), and fills the buffer through advapi32's
 * SystemFunction036 (RtlGenRandom), which Wine implements on the host's random source.
 * Wine loads it only from the prefix's system32 (LoadLibraryExW with
 * LOAD_LIBRARY_SEARCH_SYSTEM32), not from beside the exe.
 *
 * Build (no C runtime: it imports advapi32 only):
 *   x86_64-w64-mingw32-gcc -shared -O2 -s -nostdlib -Wl,--entry,DllMain \
 *     -o bcryptprimitives.dll bcryptprimitives.c -ladvapi32
 */
#include <windows.h>

/* advapi32's RtlGenRandom; ntsecapi.h declares it under that macro name. */
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

/* ProcessPrng fills pbData with cbData random bytes. Like Windows' own, it is documented
 * to always return TRUE; this one returns FALSE if RtlGenRandom fails, and Go's runtime
 * then stops with "ProcessPrng failed" rather than running on unfilled bytes. */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE pbData, SIZE_T cbData)
{
	while (cbData > 0) {
		ULONG n = cbData > 0x40000000 ? 0x40000000 : (ULONG)cbData;
		if (!SystemFunction036(pbData, n))
			return FALSE;
		pbData += n;
		cbData -= n;
	}
	return TRUE;
}

/* DllMain is the entry point; there is nothing to set up or tear down. */
BOOL WINAPI DllMain(HINSTANCE instance, DWORD reason, LPVOID reserved)
{
	(void)instance;
	(void)reason;
	(void)reserved;
	return TRUE;
}
