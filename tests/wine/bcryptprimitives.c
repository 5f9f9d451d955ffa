/* For the tests under Wine only. Rust's standard library gets random bytes
 * from ProcessPrng in bcryptprimitives.dll, which every Windows 10 and later
 * has and Debian 12's Wine 8 lacks. This stand-in, put beside vanban.exe,
 * fills the buffer through advapi32's RtlGenRandom (SystemFunction036). */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
    while (length > 0) {
        ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
