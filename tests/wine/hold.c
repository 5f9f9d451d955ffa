/* For the tests under Wine only: holds a file open as a PDF reader does
 * (Adobe Reader), sharing reads only, so that no other program may replace,
 * rename or delete it while it is held. Says "held" once it holds the file,
 * then holds it until its standard input closes.
 * hold.exe FILE */
#include <windows.h>
#include <stdio.h>

int wmain(int argc, wchar_t **argv) {
    if (argc != 2) return 2;
    HANDLE file = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
    if (file == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "cannot open the file: error %lu\n", GetLastError());
        return 1;
    }
    printf("held\n");
    fflush(stdout);
    char buffer[256];
    while (fread(buffer, 1, sizeof buffer, stdin) > 0) {}
    CloseHandle(file);
    return 0;
}
